// Documents: /report, /signature, /backup.
import type { Routes } from '../conversation/router.js';

export const documentsRoutes: Routes = {};
