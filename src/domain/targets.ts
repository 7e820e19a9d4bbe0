// The plan's quantitative targets ("II. Mục tiêu — 2. Mục tiêu cụ thể", Kế hoạch 457), as data.
// Only the figures the plan states are tracked; the qualitative aims stay in /kehoach's text.
// `wording` is the plan's own phrase; `label` is the short name used in tables.

export interface Target {
  /** Stable key, also typed by the coordinator: /chitieu grdp2030 2026 3,1 ; Cục Thống kê. */
  code: string;
  horizon: 2030 | 2045;
  label: string;
  /** The plan's own words for this figure. */
  wording: string;
  /** The figure the plan sets, in `unit`. */
  goal: number;
  /** How the goal reads: "≥ 50%", "7% GRDP", "khoảng 10% GRDP". */
  goalText: string;
  unit: '%';
  /** What is measured: an increase against the 2024 baseline, or a share. */
  measure: 'increase' | 'share';
}

export const TARGETS: readonly Target[] = [
  {
    code: 'dautu2030',
    horizon: 2030,
    label: 'Quy mô đầu tư của các tổ chức công nghiệp sinh học',
    wording: 'các tổ chức công nghiệp sinh học tăng 50% về quy mô đầu tư',
    goal: 50,
    goalText: 'tăng 50%',
    unit: '%',
    measure: 'increase',
  },
  {
    code: 'tangtruong2030',
    horizon: 2030,
    label: 'Quy mô tăng trưởng của các tổ chức công nghiệp sinh học',
    wording: 'các tổ chức công nghiệp sinh học tăng 50% về … quy mô tăng trưởng',
    goal: 50,
    goalText: 'tăng 50%',
    unit: '%',
    measure: 'increase',
  },
  {
    code: 'sanpham2030',
    horizon: 2030,
    label: 'Sản phẩm công nghệ sinh học hiện có được sản xuất',
    wording: 'sản xuất ít nhất 50% sản phẩm công nghệ sinh học hiện có',
    goal: 50,
    goalText: 'ít nhất 50%',
    unit: '%',
    measure: 'share',
  },
  {
    code: 'grdp2030',
    horizon: 2030,
    label: 'Đóng góp của công nghiệp sinh học vào GRDP',
    wording: 'phấn đấu công nghiệp sinh học đóng góp 7% vào GRDP của tỉnh',
    goal: 7,
    goalText: '7% GRDP',
    unit: '%',
    measure: 'share',
  },
  {
    code: 'doanhnghiep2045',
    horizon: 2045,
    label: 'Doanh nghiệp công nghiệp sinh học',
    wording: 'tăng tối thiểu 50% các doanh nghiệp công nghiệp sinh học',
    goal: 50,
    goalText: 'tăng tối thiểu 50%',
    unit: '%',
    measure: 'increase',
  },
  {
    code: 'grdp2045',
    horizon: 2045,
    label: 'Đóng góp của công nghiệp sinh học vào GRDP',
    wording: 'phấn đấu đóng góp khoảng 10% GRDP từ công nghiệp sinh học',
    goal: 10,
    goalText: 'khoảng 10% GRDP',
    unit: '%',
    measure: 'share',
  },
];

export interface TargetValue {
  value: number;
  year: number;
  source: string;
  recordedAt: number;
}

export interface TargetStanding {
  target: Target;
  /** The newest value recorded for the year asked, or failing that the newest earlier one. */
  latest: TargetValue | null;
  /** Goal minus value, in percentage points; null without a value. Negative: the goal is passed. */
  gap: number | null;
}

/** Finds a target by its code, loosely ("GRDP 2030", "grdp2030", "grdp-2030"). */
export function findTarget(input: string): Target | undefined {
  const key = input.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/[^a-z0-9]/g, '');
  return TARGETS.find((t) => t.code === key);
}

export function standing(target: Target, values: readonly TargetValue[]): TargetStanding {
  const latest = values.length ? values[values.length - 1]! : null;
  return { target, latest, gap: latest ? round1(target.goal - latest.value) : null };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
