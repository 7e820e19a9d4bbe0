// Plain data the rendering and reporting code works on; produced by the db queries.
import type { SectionCode } from './plan-schema.js';

export interface Agency {
  code: string;
  name: string;
  short: string;
  aliases: string[];
  kind: 'agency' | 'group';
  change: 'unchanged' | 'merged' | 'split' | 'renamed' | 'abolished' | 'new';
  successors: string[];
  confirmed: boolean;
  inPlan: boolean;
}

export interface Section {
  code: SectionCode;
  ord: number;
  title: string;
}

export interface Task {
  code: string;
  section: SectionCode;
  parentCode: string | null;
  content: string;
  leadText: string;
  coordinatingText: string;
  timeline: string;
  /** The content folded (no diacritics, lower case), for keyword search. */
  searchText: string;
  /** Current responsible agencies, in the plan's order (reassignments appended). */
  lead: string[];
  coordinating: string[];
}
