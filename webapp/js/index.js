// Landing page: the server's live health.
import { $ } from './dom.js';
import { watchHealth } from './health.js';

watchHealth($('health'));
