// Every use case the conversation core answers with, for every channel. Adding a command: write
// its use case in one of these modules, add its names to conversation/commands.ts and its texts
// to the locales, and list it in that module's routes (docs/architecture.md shows an example).
import { mergeRoutes } from '../conversation/router.js';
import { coordinationRoutes } from './coordination.js';
import { documentsRoutes } from './documents.js';
import { historyRoutes } from './history.js';
import { peopleRoutes } from './people.js';
import { planRoutes } from './plan.js';
import { progressReportRoutes } from './progress-reports.js';
import { statusRoutes } from './status.js';
import { webRoutes } from './web.js';
import { identityRoutes } from './identity.js';

export const ROUTES = mergeRoutes(planRoutes, historyRoutes, progressReportRoutes, peopleRoutes, coordinationRoutes, statusRoutes, documentsRoutes, webRoutes, identityRoutes);
