// The live feed of a node (ws/monitor): a `stats` frame every second.
import { ParleyConnection } from './connection.js';

export class ParleyMonitor extends ParleyConnection {
  constructor(options = {}) {
    super('ws/monitor', options);
  }

  _frame(frame) {
    if (frame.type === 'stats') this.emit('stats', frame);
  }
}
