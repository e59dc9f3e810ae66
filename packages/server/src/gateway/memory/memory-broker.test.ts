import { brokerContract } from '../broker.contract.js';
import { MemoryBroker } from './memory-broker.js';

brokerContract('memory', async ({ history, clock }) => ({
  broker: new MemoryBroker({ history, clock }),
  lostState: async () => new MemoryBroker({ history, clock }),
}));
