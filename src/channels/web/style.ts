// The page's one small stylesheet, inlined and allowed by its hash in the Content-Security-Policy
// (no 'unsafe-inline', no request for a separate file that a missing token would have to answer).
// Phone first: the matrix scrolls sideways inside its own box with the task column held; wider
// screens lay the summary out in columns; print drops the navigation and fits the matrix to A4
// landscape. Colours pair with words in every cell, never alone.
import { createHash } from 'node:crypto';

export const STYLE = `
:root{--ink:#1d2327;--muted:#5f6b73;--line:#d5dbe0;--bg:#f6f8f9;--accent:#0b5cad;
--done:#cfe9d2;--done-late:#e6efc4;--progress:#d6e6fa;--blocked:#ffe1b8;--overdue:#f7c5c5;--not-started:#eceff1;--none:#ffffff}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#0b3d6e;color:#fff;padding:14px 16px}
header.top h1{margin:0;font-size:1.25rem;line-height:1.3}
header.top p{margin:4px 0 0;opacity:.9}
main{padding:12px 16px 24px;max-width:1400px;margin:0 auto}
a{color:var(--accent)}
nav.years{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0 0 12px}
nav.years a,nav.years span.current{padding:4px 12px;border:1px solid var(--line);border-radius:999px;background:#fff;text-decoration:none}
nav.years span.current{background:var(--accent);color:#fff;border-color:var(--accent);font-weight:600}
p.notice{background:#fff6d6;border:1px solid #e8d48a;border-radius:6px;padding:6px 10px;margin:0 0 12px}
section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:0 0 14px}
section.card h2{margin:0 0 8px;font-size:1.08rem}
.countdown{font-size:1.1rem;font-weight:600}
.countdown.late{color:#a11}
.grid{display:grid;gap:14px;grid-template-columns:1fr;align-items:start}
.grid>section.card{margin:0}
.grid{margin:0 0 14px}
@media (min-width:900px){.grid{grid-template-columns:1fr 1fr}}
svg.bars{width:100%;height:auto;max-width:480px;display:block}
section.card h3{margin:12px 0 4px;font-size:1rem}
.muted{color:var(--muted);font-size:.9rem}
ul.plain{margin:0;padding-left:18px}
ul.plain li{margin:2px 0}
table{border-collapse:collapse}
table.simple{width:100%}
table.simple th,table.simple td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
.matrix-wrap{overflow:auto;max-height:85vh;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:6px}
table.matrix{font-size:.85rem;min-width:100%}
table.matrix th,table.matrix td{border:1px solid var(--line);padding:4px 5px;vertical-align:top}
table.matrix thead th{background:#eef2f5;position:sticky;top:0;font-weight:600;min-width:88px}
table.matrix th.task{position:sticky;left:0;background:#fff;min-width:150px;max-width:240px;text-align:left;font-weight:normal;z-index:1}
table.matrix thead th.task{background:#eef2f5;z-index:2}
table.matrix th.task a{font-weight:700}
table.matrix th.task .title{display:block;color:var(--muted);font-size:.8rem}
table.matrix th.task .due{display:block;font-size:.78rem}
table.matrix th.task .due.late{color:#a11;font-weight:700}
td.cell{min-width:92px}
td.cell details summary{cursor:pointer;list-style:none}
td.cell details summary::-webkit-details-marker{display:none}
td.cell details[open]{min-width:200px}
td.cell details p{margin:4px 0 0;font-size:.8rem}
td.cell .role{display:block;font-size:.72rem;color:var(--muted)}
.st-done{background:var(--done)}
.st-done-late{background:var(--done-late)}
.st-progress{background:var(--progress)}
.st-blocked{background:var(--blocked)}
.st-overdue{background:var(--overdue)}
.st-not-started{background:var(--not-started)}
.st-none{background:var(--none);color:var(--muted)}
td.empty{background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 4px,#f1f3f5 4px,#f1f3f5 8px)}
.legend{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 0;padding:0;list-style:none;font-size:.82rem}
.legend li{border:1px solid var(--line);border-radius:4px;padding:2px 8px}
.downloads a{display:inline-block;margin:2px 10px 2px 0}
ol.history{list-style:none;padding:0;margin:0}
ol.history li{border-bottom:1px solid var(--line);padding:8px 0}
ol.history .when{font-weight:600}
ol.history .withdrawn{text-decoration:line-through;color:var(--muted)}
.note{white-space:pre-wrap}
@media (min-width:900px){table.matrix th.task{min-width:250px;max-width:300px}}
footer{color:var(--muted);font-size:.85rem;padding:0 16px 24px;max-width:1400px;margin:0 auto}
@media (max-width:600px){main{padding:10px}header.top h1{font-size:1.08rem}section.card{padding:10px}
table.matrix th.task{min-width:118px;max-width:128px}
table.matrix th.task .title{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}}
@media print{
@page{size:A4 landscape;margin:10mm}
body{background:#fff;font-size:10pt}
header.top{background:#fff;color:#000;padding:0 0 6px;border-bottom:2px solid #000}
nav.years,.downloads,.no-print{display:none}
section.card{border:none;padding:0;margin:0 0 10px;break-inside:avoid}
.grid{grid-template-columns:1fr 1fr}
.matrix-wrap{overflow:visible;max-height:none;border:none}
table.matrix{font-size:7.5pt}
table.matrix thead th,table.matrix th.task{position:static}
td.cell details p{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:#000;text-decoration:none}
}
`;

/** The stylesheet's hash as the Content-Security-Policy names it. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
