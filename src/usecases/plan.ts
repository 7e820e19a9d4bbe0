// Reading the plan: /tasks, /task, /agencies, /plan, /targets, /lang, /start, /help, /mytasks, /history.
import type { Routes } from '../conversation/router.js';

export const planRoutes: Routes = {};
