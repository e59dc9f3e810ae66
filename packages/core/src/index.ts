export * from './clock.js';
export * from './events.js';
export * from './raw-event.js';
