import { describeLiveStateContract } from '../live-state.contract.js';
import { MemoryLiveState } from './memory-live-state.js';

describeLiveStateContract('memory', async () => {
  const state = new MemoryLiveState();
  return { state, cleanup: () => state.close() };
});
