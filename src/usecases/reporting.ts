// Reporting progress: /update (command, choices, answers to the bot), /undo.
import type { Routes } from '../conversation/router.js';

export const reportingRoutes: Routes = {};
