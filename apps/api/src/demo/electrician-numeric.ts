/**
 * Calculation items of the demo bank. Each form is a real textbook formula over realistic parameter
 * values; the distractors are the results of the usual mistakes (wrong formula, factor √2/√3 confused,
 * units slipped), which is how such items are written for the 电工 theory exam.
 */
export interface NumericQuestion {
  /** `__` marks the blank. */
  stem: string;
  key: number | string;
  wrongs: (number | string)[];
  explanation?: string;
}

export interface NumericForm {
  point: string;
  /** Typical difficulty. */
  base: number;
  /** At most this many items are drawn from the form. */
  cap: number;
  questions: NumericQuestion[];
}

/** A numeric answer as printed: 1 decimal from 100 up, 2 decimals from 0.1 up, else 2 significant digits. */
export function fmt(x: number): string {
  const a = Math.abs(x);
  const r = a >= 100 ? Math.round(x * 10) / 10 : a >= 0.1 ? Math.round(x * 100) / 100 : Number(x.toPrecision(2));
  return String(r);
}

const value = (v: number | string): string => (typeof v === 'number' ? fmt(v) : v);

/** Three distinct distractors: the listed mistakes first, then plain multiples of the key. */
export function distractors(key: number | string, wrongs: readonly (number | string)[], count = 3): string[] {
  const keyText = value(key);
  const out: string[] = [];
  const push = (v: number | string): void => {
    if (typeof v === 'number' && (!Number.isFinite(v) || v <= 0)) return;
    const t = value(v);
    if (t !== keyText && t !== '0' && !out.includes(t)) out.push(t);
  };
  wrongs.forEach(push);
  if (typeof key === 'number')
    for (const f of [2, 0.5, 1.5, 3, 0.8, 1.2, 10, 0.1]) if (out.length < count) push(key * f);
  return out.slice(0, count);
}

export const keyText = value;

function grid<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  return as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
}
function grid3<A, B, C>(as: readonly A[], bs: readonly B[], cs: readonly C[]): [A, B, C][] {
  return as.flatMap((a) => bs.flatMap((b) => cs.map((c): [A, B, C] => [a, b, c])));
}

const SQRT2 = Math.SQRT2;
const SQRT3 = Math.sqrt(3);
const TWO_PI = 2 * Math.PI;
const RHO_CU = 0.0175;
const RHO_AL = 0.0283;

export const NUMERIC_FORMS: readonly NumericForm[] = [
  // A-01-001 欧姆定律
  {
    point: 'A-01-001',
    base: 2,
    cap: 30,
    questions: grid(
      [2, 4, 5, 6, 8, 10, 12, 15, 20, 22, 25, 30, 40, 44, 50, 55, 60, 75, 100, 110],
      [0.5, 1, 1.5, 2, 2.5, 4],
    ).map(([r, i]) => ({
      stem: `某电阻两端电压为${fmt(r * i)}V，通过的电流为${fmt(i)}A，该电阻的阻值为__Ω。`,
      key: r,
      wrongs: [r * i * i, i / (r * i), r * 2, r / 2],
      explanation: `R=U/I=${fmt(r * i)}/${fmt(i)}=${fmt(r)}Ω`,
    })),
  },
  {
    point: 'A-01-001',
    base: 2,
    cap: 25,
    questions: grid(
      [3, 5, 6, 10, 11, 12, 20, 22, 24, 30, 40, 44, 48, 55, 60, 100, 110, 220],
      [12, 24, 36, 48, 110, 220],
    ).map(([r, u]) => ({
      stem: `阻值为${r}Ω的电阻接在${u}V的直流电源上，通过电阻的电流为__A。`,
      key: u / r,
      wrongs: [u * r, r / u, (u / r) * 2, u / r / 2],
      explanation: `I=U/R=${u}/${r}=${fmt(u / r)}A`,
    })),
  },
  {
    point: 'A-01-001',
    base: 3,
    cap: 20,
    questions: grid3([1.5, 3, 6, 9, 12, 24], [0.5, 1, 2], [2, 4, 5, 10, 11, 22]).map(([e, r0, r]) => ({
      stem: `电源电动势为${e}V、内阻为${r0}Ω，外接${r}Ω的负载电阻，电路中的电流为__A。`,
      key: e / (r + r0),
      wrongs: [e / r, e / r0, e * (r + r0), e / (r + r0) / 2],
      explanation: `I=E/(R+r)=${e}/(${r}+${r0})=${fmt(e / (r + r0))}A`,
    })),
  },
  // A-01-002 串并联
  {
    point: 'A-01-002',
    base: 2,
    cap: 20,
    questions: grid([2, 3, 5, 10, 15, 20, 30, 47, 51, 100], [4, 6, 8, 12, 25, 40, 60, 75, 150, 200]).map(([a, b]) => ({
      stem: `阻值分别为${a}Ω和${b}Ω的两个电阻串联，总电阻为__Ω。`,
      key: a + b,
      wrongs: [(a * b) / (a + b), a * b, Math.abs(a - b)],
      explanation: `R=R1+R2=${a}+${b}=${a + b}Ω`,
    })),
  },
  {
    point: 'A-01-002',
    base: 3,
    cap: 20,
    questions: grid([3, 4, 6, 10, 12, 20, 30, 60], [6, 12, 15, 20, 24, 40, 60, 120])
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({
        stem: `阻值分别为${a}Ω和${b}Ω的两个电阻并联，等效电阻为__Ω。`,
        key: (a * b) / (a + b),
        wrongs: [a + b, (a + b) / 2, a * b],
        explanation: `R=R1R2/(R1+R2)=${a}×${b}/(${a}+${b})=${fmt((a * b) / (a + b))}Ω`,
      })),
  },
  {
    point: 'A-01-002',
    base: 2,
    cap: 12,
    questions: grid([2, 3, 4, 5, 6, 10], [10, 20, 30, 60, 100, 120, 300]).map(([n, r]) => ({
      stem: `${n}个阻值均为${r}Ω的电阻并联，等效电阻为__Ω。`,
      key: r / n,
      wrongs: [n * r, r, r / (2 * n)],
      explanation: `R=R0/n=${r}/${n}=${fmt(r / n)}Ω`,
    })),
  },
  {
    point: 'A-01-002',
    base: 3,
    cap: 16,
    questions: grid3([10, 20, 30, 40], [20, 60, 80, 90], [12, 24, 36, 100, 220])
      .filter(([a, b]) => a !== b)
      .map(([a, b, u]) => ({
        stem: `${a}Ω和${b}Ω两个电阻串联后接在${u}V电源上，${a}Ω电阻两端的电压为__V。`,
        key: (u * a) / (a + b),
        wrongs: [(u * b) / (a + b), u / 2, u],
        explanation: `U1=U·R1/(R1+R2)=${u}×${a}/${a + b}=${fmt((u * a) / (a + b))}V`,
      })),
  },
  // A-01-003 电功与电功率
  {
    point: 'A-01-003',
    base: 2,
    cap: 8,
    questions: [15, 25, 40, 60, 75, 100, 150, 200, 300, 500].map((p) => ({
      stem: `额定值为“220V、${p}W”的白炽灯，正常工作时的电阻约为__Ω。`,
      key: 48400 / p,
      wrongs: [220 / p, p / 220, 220 * p],
      explanation: `R=U²/P=220²/${p}≈${fmt(48400 / p)}Ω`,
    })),
  },
  {
    point: 'A-01-003',
    base: 2,
    cap: 22,
    questions: grid3([100, 200, 500, 800, 1000, 1500, 2000], [1, 2, 3, 4, 5, 6, 8], [10, 15, 20, 30]).map(
      ([p, h, d]) => ({
        stem: `一台${p}W的电热器每天使用${h}h，${d}天共消耗电能__kW·h。`,
        key: (p * h * d) / 1000,
        wrongs: [(p * h) / 1000, p * h * d, (p * d) / 1000],
        explanation: `W=Pt=${p / 1000}kW×${h * d}h=${fmt((p * h * d) / 1000)}kW·h`,
      }),
    ),
  },
  {
    point: 'A-01-003',
    base: 3,
    cap: 20,
    questions: grid([0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 10], [2, 4, 5, 10, 20, 22, 44, 50]).map(([i, r]) => ({
      stem: `${i}A的电流通过${r}Ω的电阻，电阻消耗的功率为__W。`,
      key: i * i * r,
      wrongs: [i * r, i * r * r, i * i * r * 2],
      explanation: `P=I²R=${i}²×${r}=${fmt(i * i * r)}W`,
    })),
  },
  {
    point: 'A-01-003',
    base: 3,
    cap: 15,
    questions: grid([10, 20, 40, 50, 100, 110, 200, 484], [12, 24, 36, 110, 220]).map(([r, u]) => ({
      stem: `阻值为${r}Ω的电阻接在${u}V电源上，电阻消耗的功率为__W。`,
      key: (u * u) / r,
      wrongs: [u / r, u * r, (u * u) / r / 2],
      explanation: `P=U²/R=${u}²/${r}=${fmt((u * u) / r)}W`,
    })),
  },
  // A-01-004 正弦交流电
  {
    point: 'A-01-004',
    base: 2,
    cap: 10,
    questions: [25, 40, 60, 100, 200, 250, 400, 500, 1000, 2000, 2500, 5000].map((f) => ({
      stem: `频率为${f}Hz的正弦交流电，其周期为__s。`,
      key: 1 / f,
      wrongs: [f, 2 / f, 1 / (2 * f)],
      explanation: `T=1/f=1/${f}=${fmt(1 / f)}s`,
    })),
  },
  {
    point: 'A-01-004',
    base: 2,
    cap: 8,
    questions: [1, 2, 2.5, 4, 5, 8, 10, 12.5, 25, 40].map((t) => ({
      stem: `周期为${t}ms的正弦交流电，其频率为__Hz。`,
      key: 1000 / t,
      wrongs: [t, 500 / t, 2000 / t],
      explanation: `f=1/T=1/${t / 1000}s=${fmt(1000 / t)}Hz`,
    })),
  },
  {
    point: 'A-01-004',
    base: 3,
    cap: 12,
    questions: [10, 12, 24, 36, 48, 100, 110, 127, 220, 380, 500, 660, 1000].map((u) => ({
      stem: `有效值为${u}V的正弦交流电压，其最大值约为__V。`,
      key: u * SQRT2,
      wrongs: [u * SQRT3, u / SQRT2, u * 2],
      explanation: `Um=√2U=1.414×${u}≈${fmt(u * SQRT2)}V`,
    })),
  },
  {
    point: 'A-01-004',
    base: 3,
    cap: 10,
    questions: [2, 5, 10, 14.1, 20, 28.2, 50, 100, 141, 200].map((im) => ({
      stem: `最大值为${im}A的正弦交流电流，其有效值约为__A。`,
      key: im / SQRT2,
      wrongs: [im * SQRT2, im / SQRT3, im / 2],
      explanation: `I=Im/√2=${im}/1.414≈${fmt(im / SQRT2)}A`,
    })),
  },
  {
    point: 'A-01-004',
    base: 3,
    cap: 6,
    questions: [25, 40, 60, 100, 200, 400, 1000].map((f) => ({
      stem: `频率为${f}Hz的正弦交流电，其角频率约为__rad/s。`,
      key: TWO_PI * f,
      wrongs: [Math.PI * f, f, TWO_PI / f],
      explanation: `ω=2πf=2×3.14×${f}≈${fmt(TWO_PI * f)}rad/s`,
    })),
  },
  // A-01-005 三相交流电路
  {
    point: 'A-01-005',
    base: 3,
    cap: 10,
    questions: [100, 110, 127, 200, 230, 240, 400, 577, 1000, 3464].map((up) => ({
      stem: `对称三相负载作星形联结，相电压为${up}V，则线电压约为__V。`,
      key: up * SQRT3,
      wrongs: [up, up / SQRT3, up * 3],
      explanation: `UL=√3UP=1.732×${up}≈${fmt(up * SQRT3)}V`,
    })),
  },
  {
    point: 'A-01-005',
    base: 3,
    cap: 8,
    questions: [400, 660, 690, 1140, 3000, 6000, 10000].map((ul) => ({
      stem: `对称三相负载作星形联结，线电压为${ul}V，则相电压约为__V。`,
      key: ul / SQRT3,
      wrongs: [ul, ul * SQRT3, ul / 3],
      explanation: `UP=UL/√3=${ul}/1.732≈${fmt(ul / SQRT3)}V`,
    })),
  },
  {
    point: 'A-01-005',
    base: 3,
    cap: 10,
    questions: [2, 5, 8, 10, 12, 15, 20, 30, 50, 100].map((ip) => ({
      stem: `对称三相负载作三角形联结，相电流为${ip}A，则线电流约为__A。`,
      key: ip * SQRT3,
      wrongs: [ip, ip / SQRT3, ip * 3],
      explanation: `IL=√3IP=1.732×${ip}≈${fmt(ip * SQRT3)}A`,
    })),
  },
  {
    point: 'A-01-005',
    base: 4,
    cap: 16,
    questions: grid([5, 10, 15, 20, 25, 30, 40, 50], [0.8, 0.85, 0.9]).map(([i, cos]) => ({
      stem: `对称三相负载的线电压为380V，线电流为${i}A，功率因数为${cos}，三相有功功率约为__kW。`,
      key: (SQRT3 * 380 * i * cos) / 1000,
      wrongs: [(380 * i * cos) / 1000, (3 * 380 * i * cos) / 1000, (SQRT3 * 380 * i) / 1000],
      explanation: `P=√3ULILcosφ=1.732×380×${i}×${cos}≈${fmt((SQRT3 * 380 * i * cos) / 1000)}kW`,
    })),
  },
  // A-01-006 电磁感应
  {
    point: 'A-01-006',
    base: 3,
    cap: 20,
    questions: grid3([0.1, 0.2, 0.5, 1], [2, 5, 10, 20], [0.2, 0.5, 0.8, 1]).map(([l, v, b]) => ({
      stem: `长度为${l}m的直导体，以${v}m/s的速度垂直切割磁感应强度为${b}T的均匀磁场，导体中的感应电动势为__V。`,
      key: b * l * v,
      wrongs: [(b * l) / v, b * v, 2 * b * l * v],
      explanation: `e=BLv=${b}×${l}×${v}=${fmt(b * l * v)}V`,
    })),
  },
  {
    point: 'A-01-006',
    base: 3,
    cap: 14,
    questions: grid3([50, 100, 200, 500], [0.01, 0.02, 0.05], [0.1, 0.2, 0.5]).map(([n, dphi, t]) => ({
      stem: `一个${n}匝的线圈，穿过它的磁通在${t}s内均匀变化了${dphi}Wb，线圈中的感应电动势为__V。`,
      key: (n * dphi) / t,
      wrongs: [dphi / t, n * dphi * t, (n * dphi) / t / 2],
      explanation: `e=NΔΦ/Δt=${n}×${dphi}/${t}=${fmt((n * dphi) / t)}V`,
    })),
  },
  // A-01-007 电容与电感
  {
    point: 'A-01-007',
    base: 3,
    cap: 12,
    questions: grid([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1], [50, 100]).map(([l, f]) => ({
      stem: `电感为${l}H的线圈（电阻忽略不计）接在${f}Hz的交流电源上，其感抗约为__Ω。`,
      key: TWO_PI * f * l,
      wrongs: [1 / (TWO_PI * f * l), f * l, Math.PI * f * l],
      explanation: `XL=2πfL=2×3.14×${f}×${l}≈${fmt(TWO_PI * f * l)}Ω`,
    })),
  },
  {
    point: 'A-01-007',
    base: 3,
    cap: 12,
    questions: grid([1, 2, 4.7, 10, 20, 47, 100], [50, 100, 1000]).map(([c, f]) => ({
      stem: `电容为${c}μF的电容器接在${f}Hz的交流电源上，其容抗约为__Ω。`,
      key: 1e6 / (TWO_PI * f * c),
      wrongs: [(TWO_PI * f * c) / 1e6, 1e6 / (f * c), 1e6 / (Math.PI * f * c)],
      explanation: `XC=1/(2πfC)=1/(2×3.14×${f}×${c}×10⁻⁶)≈${fmt(1e6 / (TWO_PI * f * c))}Ω`,
    })),
  },
  {
    point: 'A-01-007',
    base: 2,
    cap: 12,
    questions: grid([1, 2, 4.7, 10, 22], [3, 5, 10, 33, 47])
      .filter(([a, b]) => a !== b)
      .flatMap(([a, b]) => [
        {
          stem: `${a}μF和${b}μF的两只电容器并联，总电容为__μF。`,
          key: a + b,
          wrongs: [(a * b) / (a + b), a * b, Math.abs(a - b)],
          explanation: `C=C1+C2=${fmt(a + b)}μF`,
        },
        {
          stem: `${a}μF和${b}μF的两只电容器串联，总电容约为__μF。`,
          key: (a * b) / (a + b),
          wrongs: [a + b, (a + b) / 2, a * b],
          explanation: `C=C1C2/(C1+C2)≈${fmt((a * b) / (a + b))}μF`,
        },
      ]),
  },
  // A-02-002 晶体三极管
  {
    point: 'A-02-002',
    base: 3,
    cap: 14,
    questions: grid([10, 20, 40, 50, 80, 100], [30, 50, 60, 80, 100, 120, 150]).map(([ib, beta]) => ({
      stem: `某三极管基极电流为${ib}μA时，集电极电流为${fmt((beta * ib) / 1000)}mA，其直流电流放大系数约为__。`,
      key: beta,
      wrongs: [beta / 10, beta * 10, beta / 2],
      explanation: `β=IC/IB=${fmt((beta * ib) / 1000)}mA/${ib}μA=${beta}`,
    })),
  },
  {
    point: 'A-02-002',
    base: 3,
    cap: 10,
    questions: grid([20, 40, 50, 60, 100], [1, 2, 2.5, 4, 5]).map(([ib, ic]) => ({
      stem: `三极管的基极电流为${ib}μA，集电极电流为${ic}mA，发射极电流为__mA。`,
      key: ic + ib / 1000,
      wrongs: [ic - ib / 1000, ic + ib, ic * 2],
      explanation: `IE=IB+IC=${ib / 1000}+${ic}=${fmt(ic + ib / 1000)}mA`,
    })),
  },
  // A-02-003 整流与滤波
  {
    point: 'A-02-003',
    base: 3,
    cap: 30,
    questions: grid([10, 12, 15, 18, 20, 24, 30, 36, 48, 100], [
      ['单相半波整流电路', 0.45],
      ['单相桥式整流电路', 0.9],
      ['单相全波（中心抽头）整流电路', 0.9],
      ['单相桥式整流电容滤波电路（带负载）', 1.2],
    ] as const).map(([u2, [circuit, k]]) => ({
      stem: `${circuit}中，变压器二次电压有效值为${u2}V，负载上的直流电压平均值约为__V。`,
      key: u2 * k,
      wrongs: [0.45, 0.9, 1.2, 1.414].filter((x) => x !== k).map((x) => u2 * x),
      explanation: `UO≈${k}U2=${k}×${u2}=${fmt(u2 * k)}V`,
    })),
  },
  {
    point: 'A-02-003',
    base: 4,
    cap: 8,
    questions: [10, 12, 15, 20, 24, 36, 48, 100].map((u2) => ({
      stem: `单相桥式整流电路中，变压器二次电压有效值为${u2}V，每只二极管承受的最高反向电压约为__V。`,
      key: u2 * SQRT2,
      wrongs: [2 * SQRT2 * u2, 0.9 * u2, 0.45 * u2],
      explanation: `URM=√2U2=1.414×${u2}≈${fmt(u2 * SQRT2)}V`,
    })),
  },
  // A-03-001 导电材料
  {
    point: 'A-03-001',
    base: 3,
    cap: 24,
    questions: grid3(
      [
        ['铜', RHO_CU],
        ['铝', RHO_AL],
      ] as const,
      [10, 50, 100, 200, 500, 1000],
      [1.5, 2.5, 4, 6, 10, 16],
    ).map(([[metal, rho], l, s]) => ({
      stem: `长${l}m、截面积为${s}mm²的${metal}导线，电阻率取${rho}Ω·mm²/m，其电阻约为__Ω。`,
      key: (rho * l) / s,
      wrongs: [rho * l * s, (rho * s) / l, (2 * rho * l) / s],
      explanation: `R=ρL/S=${rho}×${l}/${s}≈${fmt((rho * l) / s)}Ω`,
    })),
  },
  // A-03-002 绝缘材料: see INSULATION_CLASSES (table items) in the generator.
  // A-04-001 万用表
  {
    point: 'A-04-001',
    base: 2,
    cap: 18,
    questions: grid(
      [
        ['R×1', 1],
        ['R×10', 10],
        ['R×100', 100],
        ['R×1k', 1000],
        ['R×10k', 10000],
      ] as const,
      [5, 8, 12, 15, 18, 20, 25, 30, 40, 50],
    ).map(([[range, k], n]) => ({
      stem: `用指针式万用表${range}挡测量电阻，指针指在欧姆刻度“${n}”处，被测电阻为__Ω。`,
      key: n * k,
      wrongs: [n, n * k * 10, (n * k) / 10],
      explanation: `R=读数×倍率=${n}×${k}=${n * k}Ω`,
    })),
  },
  {
    point: 'A-04-001',
    base: 3,
    cap: 14,
    questions: grid([2.5, 10, 50, 250, 500], [10, 15, 20, 25, 30, 35, 40, 45]).map(([range, div]) => ({
      stem: `万用表直流电压挡量程为${range}V，表盘满刻度为50格，指针指在第${div}格，被测电压为__V。`,
      key: (range * div) / 50,
      wrongs: [div, (range * div) / 100, (range * 50) / div],
      explanation: `U=量程×格数/满格=${range}×${div}/50=${fmt((range * div) / 50)}V`,
    })),
  },
  // A-04-003 钳形电流表
  {
    point: 'A-04-003',
    base: 3,
    cap: 20,
    questions: grid([2, 3, 4, 5], [1, 1.5, 2, 2.4, 3, 4, 5, 6, 8, 10]).map(([n, r]) => ({
      stem: `用钳形电流表测量小电流时，将被测导线在钳口铁心上绕${n}圈，读数为${r}A，则实际电流为__A。`,
      key: r / n,
      wrongs: [r * n, r, r / (n + 1)],
      explanation: `I=读数/圈数=${r}/${n}=${fmt(r / n)}A`,
    })),
  },
  // A-04-004 电能表
  {
    point: 'A-04-004',
    base: 2,
    cap: 10,
    questions: grid([1234.5, 2046.8, 3150.2, 4008.6, 5521.3], [56.5, 88.2, 125.7, 210.4]).map(([a, d]) => ({
      stem: `单相电能表上月读数为${a}kW·h，本月读数为${fmt(a + d)}kW·h，本月用电量为__kW·h。`,
      key: d,
      wrongs: [a + d, d * 10, d / 10],
      explanation: `W=${fmt(a + d)}−${a}=${fmt(d)}kW·h`,
    })),
  },
  {
    point: 'A-04-004',
    base: 4,
    cap: 12,
    questions: grid3([600, 1200, 1500, 2000, 3000], [60, 120, 180, 360], [100, 200, 300, 500, 600, 1000, 1200, 1500])
      .filter(([c, t, p]) => Number.isInteger((p * c * t) / 3.6e6))
      .map(([c, t, p]) => ({
        stem: `电能表常数为${c}r/(kW·h)，某负载单独工作时，电能表转盘在${t}s内转了${(p * c * t) / 3.6e6}转，该负载的功率为__W。`,
        key: p,
        wrongs: [p / 1000, p * 60, p * 3.6],
        explanation: `P=n×3600×1000/(C×t)=${(p * c * t) / 3.6e6}×3.6×10⁶/(${c}×${t})=${p}W`,
      })),
  },
  {
    point: 'A-04-004',
    base: 3,
    cap: 12,
    questions: grid([50, 75, 100, 150, 200, 300, 400], [20, 35, 50, 80, 120]).map(([k1, d]) => ({
      stem: `经变比为${k1}/5的电流互感器接入的三相电能表，本月读数差为${d}kW·h，实际用电量为__kW·h。`,
      key: (d * k1) / 5,
      wrongs: [d, d * k1, (d * 5) / k1],
      explanation: `W=读数差×变比=${d}×${k1}/5=${fmt((d * k1) / 5)}kW·h`,
    })),
  },
  // B-01-001 安全电压与安全电流
  {
    point: 'B-01-001',
    base: 3,
    cap: 14,
    questions: grid([1000, 1500, 1700, 2000], [12, 24, 36, 42, 110, 220, 380]).map(([r, u]) => ({
      stem: `人体电阻按${r}Ω计算，人体接触${u}V电压时，通过人体的电流约为__mA。`,
      key: (u / r) * 1000,
      wrongs: [u / r, (u * r) / 1000, (u / r) * 100],
      explanation: `I=U/R=${u}/${r}≈${fmt((u / r) * 1000)}mA`,
    })),
  },
  // C-01-003 热继电器
  {
    point: 'C-01-003',
    base: 3,
    cap: 12,
    questions: [2.4, 3.6, 5, 6.8, 8.8, 11.6, 15.4, 22.6, 30, 40, 56, 70, 84].map((i) => ({
      stem: `一台额定电流为${i}A的三相异步电动机，其热继电器的整定电流一般应调整为__A。`,
      key: `${fmt(0.95 * i)}～${fmt(1.05 * i)}`,
      wrongs: [`${fmt(1.5 * i)}～${fmt(2.5 * i)}`, `${fmt(0.5 * i)}～${fmt(0.8 * i)}`, `${fmt(2 * i)}～${fmt(3 * i)}`],
      explanation: '热继电器整定电流一般为电动机额定电流的0.95～1.05倍',
    })),
  },
  // C-01-004 熔断器
  {
    point: 'C-01-004',
    base: 3,
    cap: 12,
    questions: [2.4, 3.6, 5, 6.8, 8.8, 11.6, 15.4, 22.6, 30, 40, 56, 70].map((i) => ({
      stem: `一台额定电流为${i}A的三相异步电动机单独直接启动，其熔体额定电流一般按__A选择。`,
      key: `${fmt(1.5 * i)}～${fmt(2.5 * i)}`,
      wrongs: [
        `${fmt(0.95 * i)}～${fmt(1.05 * i)}`,
        `${fmt(0.5 * i)}～${fmt(0.8 * i)}`,
        `${fmt(4 * i)}～${fmt(7 * i)}`,
      ],
      explanation: '单台电动机熔体额定电流 IRN=(1.5～2.5)IN',
    })),
  },
  {
    point: 'C-01-004',
    base: 4,
    cap: 12,
    questions: grid([10, 15.4, 22.6, 30, 40], [8, 12, 20, 25, 35]).map(([imax, isum]) => ({
      stem: `多台电动机共用一组熔断器，其中容量最大一台的额定电流为${imax}A，其余电动机额定电流之和为${isum}A，熔体额定电流应按__A选择。`,
      key: `${fmt(1.5 * imax + isum)}～${fmt(2.5 * imax + isum)}`,
      wrongs: [
        `${fmt(1.5 * (imax + isum))}～${fmt(2.5 * (imax + isum))}`,
        `${fmt(imax + isum)}～${fmt(1.05 * (imax + isum))}`,
        `${fmt(1.5 * imax)}～${fmt(2.5 * imax)}`,
      ],
      explanation: 'IRN=(1.5～2.5)INmax+ΣIN',
    })),
  },
  // C-02-001 三相异步电动机
  {
    point: 'C-02-001',
    base: 2,
    cap: 14,
    questions: grid([1, 2, 3, 4, 5, 6, 8], [50, 60]).map(([p, f]) => ({
      stem: `${p}对磁极的三相异步电动机接在${f}Hz的电源上，其旋转磁场的同步转速为__r/min。`,
      key: (60 * f) / p,
      wrongs: [(60 * f) / (2 * p), (120 * f) / p, 60 * f * p],
      explanation: `n1=60f/p=60×${f}/${p}=${fmt((60 * f) / p)}r/min`,
    })),
  },
  {
    point: 'C-02-001',
    base: 4,
    cap: 16,
    questions: grid([1, 2, 3, 4], [0.02, 0.03, 0.04, 0.05, 0.06]).map(([p, s]) => {
      const n1 = 3000 / p;
      const n = n1 * (1 - s);
      return {
        stem: `一台${2 * p}极三相异步电动机接于50Hz电源，额定转速为${fmt(n)}r/min，其额定转差率约为__。`,
        key: s,
        wrongs: [s * 10, 1 - s, s / 10],
        explanation: `n1=3000/${p}=${fmt(n1)}r/min，s=(n1−n)/n1=(${fmt(n1)}−${fmt(n)})/${fmt(n1)}=${s}`,
      };
    }),
  },
  {
    point: 'C-02-001',
    base: 3,
    cap: 12,
    questions: [2880, 2900, 2930, 2950, 1420, 1440, 1460, 1470, 960, 970, 980, 720, 730, 740, 580, 590].map((n) => {
      const p = Math.round(3000 / n);
      return {
        stem: `一台接于50Hz电源的三相异步电动机，额定转速为${n}r/min，其磁极对数为__。`,
        key: p,
        wrongs: [p - 1, p + 1, p + 2, p + 3],
        explanation: `同步转速略高于${n}r/min，取n1=${3000 / p}r/min，p=60f/n1=${p}`,
      };
    }),
  },
  // C-02-002 启动
  {
    point: 'C-02-002',
    base: 3,
    cap: 12,
    questions: [30, 42, 60, 75, 90, 120, 150, 180, 210, 240, 300, 360, 420, 480].map((i) => ({
      stem: `一台三相笼型异步电动机直接启动电流为${i}A，若采用星—三角降压启动，启动电流约为__A。`,
      key: i / 3,
      wrongs: [i / SQRT3, i, i * 3],
      explanation: `IstY=Istd/3=${i}/3=${fmt(i / 3)}A`,
    })),
  },
  {
    point: 'C-02-002',
    base: 4,
    cap: 12,
    questions: grid([0.65, 0.8], [60, 90, 120, 150, 180, 240, 300, 360]).map(([k, i]) => ({
      stem: `一台三相异步电动机直接启动电流为${i}A，采用自耦变压器${Math.round(k * 100)}%抽头降压启动，电网供给的启动电流约为__A（忽略励磁电流）。`,
      key: k * k * i,
      wrongs: [k * i, i / 3, i],
      explanation: `I=K²Ist=${k}²×${i}≈${fmt(k * k * i)}A`,
    })),
  },
  // C-02-003 变压器
  {
    point: 'C-02-003',
    base: 3,
    cap: 16,
    questions: grid([220, 380, 6000, 10000], [2, 5, 10, 11, 20, 25, 50]).map(([u1, k]) => ({
      stem: `一台单相变压器一次绕组${200 * k}匝、二次绕组200匝，一次侧电压为${u1}V，二次侧空载电压约为__V。`,
      key: u1 / k,
      wrongs: [u1 * k, u1 / (2 * k), u1],
      explanation: `U2=U1·N2/N1=${u1}/${k}=${fmt(u1 / k)}V`,
    })),
  },
  {
    point: 'C-02-003',
    base: 3,
    cap: 14,
    questions: grid([2, 4, 5, 10, 15, 25], [5, 10, 20, 50, 100]).map(([k, i2]) => ({
      stem: `一台变压器的变比为${k}，二次侧电流为${i2}A，忽略损耗时一次侧电流约为__A。`,
      key: i2 / k,
      wrongs: [i2 * k, i2, i2 / (k * k)],
      explanation: `I1=I2/K=${i2}/${k}=${fmt(i2 / k)}A`,
    })),
  },
  // C-04-001 导线选择与电压损失
  {
    point: 'C-04-001',
    base: 4,
    cap: 24,
    questions: grid3([20, 30, 50, 80, 100], [2.5, 4, 6, 10], [10, 16, 20, 25]).map(([l, s, i]) => ({
      stem: `单相220V线路长${l}m，采用截面积为${s}mm²的铜导线（ρ=0.0175Ω·mm²/m），负载电流为${i}A，线路电压损失约为__V。`,
      key: (i * 2 * RHO_CU * l) / s,
      wrongs: [(i * RHO_CU * l) / s, (i * 4 * RHO_CU * l) / s, i * RHO_CU * l * s],
      explanation: `ΔU=I·2ρL/S=${i}×2×0.0175×${l}/${s}≈${fmt((i * 2 * RHO_CU * l) / s)}V`,
    })),
  },
  // C-04-002 照明线路
  {
    point: 'C-04-002',
    base: 2,
    cap: 20,
    questions: grid([4, 5, 6, 8, 10, 12, 15, 20], [25, 40, 60, 100]).map(([n, p]) => ({
      stem: `一条220V照明支路上装有${n}盏${p}W的白炽灯，全部点亮时支路电流约为__A。`,
      key: (n * p) / 220,
      wrongs: [p / 220, (n * p) / 380, (n * p) / 110],
      explanation: `I=ΣP/U=${n}×${p}/220≈${fmt((n * p) / 220)}A`,
    })),
  },
];

/** Calculation-based multiple-choice items: several statements about one worked example. */
export interface NumericMulti {
  point: string;
  base: number;
  cap: number;
  questions: { stem: string; keys: string[]; wrongs: string[] }[];
}

export const NUMERIC_MULTI: readonly NumericMulti[] = [
  {
    point: 'A-01-003',
    base: 4,
    cap: 15,
    questions: grid([4, 5, 10, 20, 50], [12, 24, 100]).map(([r, u]) => ({
      stem: `阻值为${r}Ω的电阻接在${u}V直流电源上，下列说法正确的有__。`,
      keys: [
        `电流为${fmt(u / r)}A`,
        `功率为${fmt((u * u) / r)}W`,
        `工作10h消耗电能${fmt((u * u * 10) / r / 1000)}kW·h`,
      ],
      wrongs: [`电流为${fmt(u * r)}A`, `功率为${fmt(u / r)}W`],
    })),
  },
  {
    point: 'C-02-001',
    base: 4,
    cap: 16,
    questions: grid([1, 2, 3, 4], [0.02, 0.03, 0.04, 0.05]).map(([p, s]) => {
      const n1 = 3000 / p;
      return {
        stem: `一台${2 * p}极三相异步电动机接在50Hz电源上运行，转速为${fmt(n1 * (1 - s))}r/min，下列说法正确的有__。`,
        keys: [`磁极对数为${p}`, `同步转速为${fmt(n1)}r/min`, `转差率为${s}`],
        wrongs: [`同步转速为${fmt(n1 * 2)}r/min`, `转差率为${fmt(s * 10)}`],
      };
    }),
  },
  {
    point: 'C-02-003',
    base: 4,
    cap: 12,
    questions: (
      [
        [220, 12],
        [220, 24],
        [220, 36],
        [220, 110],
        [380, 36],
        [380, 127],
        [380, 220],
        [10000, 400],
        [6000, 400],
        [660, 220],
        [660, 380],
        [110, 24],
      ] as const
    ).map(([u1, u2]) => ({
      stem: `一台单相变压器一次侧电压为${u1}V，二次侧电压为${u2}V，下列说法正确的有__。`,
      keys: [`变比约为${fmt(u1 / u2)}`, '这是一台降压变压器', `一次侧电流约为二次侧电流的${fmt(u2 / u1)}倍`],
      wrongs: ['这是一台升压变压器', `变比约为${fmt(u2 / u1)}`],
    })),
  },
  {
    point: 'A-01-005',
    base: 4,
    cap: 12,
    questions: grid([380, 660], [10, 11, 19, 22, 38, 44, 55, 76]).map(([ul, z]) => {
      const up = ul / SQRT3;
      return {
        stem: `对称三相负载作星形联结，线电压为${ul}V，每相阻抗为${z}Ω，下列说法正确的有__。`,
        keys: [`相电压约为${fmt(up)}V`, '线电流等于相电流', `相电流约为${fmt(up / z)}A`],
        wrongs: ['相电压等于线电压', `线电流约为${fmt((up / z) * SQRT3)}A`],
      };
    }),
  },
];
