// The page of a task the observer does not know (served with status 404).
import { crumbs, fill, pageParams } from './common.js';

crumbs(['Tasks', '/'], ['not found', null]);
const [taskId] = pageParams();
fill(document.getElementById('what'), taskId ? `No task ${taskId}, or no such page of it.` : 'No such page.');
