export * from './market.js';
export * from './trading.js';
export * from './status.js';
export * from './channels.js';
export * from './close-codes.js';
export * from './error-codes.js';
export * from './messages.js';
