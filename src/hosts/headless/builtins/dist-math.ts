/**
 * The numerical core of Excel's probability distributions, to nearly full double precision (Excel 2010+ computes
 * these to about 15 digits; jStat, which HyperFormula uses, to about 8 and not at all in the far tails). Pure
 * functions, no engine types. Algorithms, each cited where it is implemented:
 * - ln Γ and Γ: Stirling's series beyond 15 (Abramowitz & Stegun 6.1.40), the recurrence Γ(x+1) = xΓ(x) below;
 * - binomial, Poisson and negative binomial probabilities: C. Loader, "Fast and Accurate Computation of Binomial
 *   Probabilities" (2000), i.e. the saddle-point form with stirlerr and bd0 that R's dbinom/dpois use; cumulative
 *   probabilities sum those terms outward from the tail they start in, so a tiny tail keeps its relative precision;
 * - the regularized incomplete beta and gamma functions: continued fractions by Lentz's method (Numerical Recipes 3rd
 *   ed., 6.2 and 6.4) with the prefactor x^a y^b / B(a, b) taken from Loader's binomial term;
 * - the normal quantile: M. Wichura, Algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477-484.
 */
import { erfc } from './erf-step';

const LN_SQRT_2PI = 0.918938533204672741780329736406; // ln √(2π)
const TWO_PI = 2 * Math.PI;
const INV_SQRT_2PI = 0.398942280401432677939946059934; // 1 / √(2π)

/** ln Γ(x) for x >= 15 by Stirling's series (A&S 6.1.40); the next term is below 1e-17 there. */
function lnGammaStirling(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  const series =
    r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series;
}

/** ln Γ(x) for x > 0 (the recurrence lifts x to 15, where the series is exact to double precision). */
export function lnGamma(x: number): number {
  if (x >= 15) return lnGammaStirling(x);
  let prod = 1;
  let y = x;
  while (y < 15) {
    prod *= y;
    y += 1;
  }
  return lnGammaStirling(y) - Math.log(prod);
}

/** Γ(x); NaN at 0 and the negative integers (the poles), ±Infinity beyond the double range. */
export function gamma(x: number): number {
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < -20) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x)); // reflection, far from the poles' products
  if (x >= 15) return Math.exp(lnGammaStirling(x));
  // Γ(x) = Γ(x + n) / (x (x+1) ... (x+n-1)) with x + n >= 15; exact products keep full precision near 0 and below.
  let prod = 1;
  let y = x;
  while (y < 15) {
    prod *= y;
    y += 1;
  }
  return Math.exp(lnGammaStirling(y)) / prod;
}

/** stirlerr(n) = ln Γ(n+1) - ln(√(2π n) (n/e)^n), the error of Stirling's formula (Loader). */
function stirlerr(n: number): number {
  if (n <= 15) {
    // ln n! from the exact factorial for integers (exact in a double up to 15!), else from ln Γ.
    let lf: number;
    if (Number.isInteger(n)) {
      let f = 1;
      for (let i = 2; i <= n; i++) f *= i;
      lf = Math.log(f);
    } else lf = lnGamma(n + 1);
    return lf - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** bd0(x, np) = x ln(x/np) + np - x, computed without cancellation when x is near np (Loader). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/** C(n, x) p^x q^(n-x) with q = 1 - p given separately (Loader's dbinom_raw; x and n need not be integers). */
export function binomTerm(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  if (x < 0 || x > n) return 0;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = Math.log(TWO_PI) + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** λ^x e^-λ / Γ(x+1) (Loader's dpois_raw; x need not be an integer). */
export function poissonTerm(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 1 : 0;
  if (x === 0) return Math.exp(-lambda);
  if (x < 0) return 0;
  return Math.exp(-stirlerr(x) - bd0(x, lambda)) / Math.sqrt(TWO_PI * x);
}

/** Most terms a cumulative sum takes before the closed form (incomplete beta/gamma) is used instead. */
const MAX_TERMS = 1_000_000;

/**
 * The sum of a unimodal distribution's terms from `start` away from its mode (step -1 down to 0, +1 up to `last`),
 * each term from the previous by `ratio(j)` = term(j + step) / term(j); undefined when it would take too long.
 */
function tailSum(start: number, first: number, step: 1 | -1, last: number, ratio: (j: number) => number) {
  let sum = 0;
  let term = first;
  let j = start;
  for (let i = 0; i < MAX_TERMS; i++) {
    sum += term;
    if (term === 0 || term <= sum * 1e-17 || j === last) return sum;
    term *= ratio(j);
    j += step;
  }
  return undefined;
}

/** P(X <= k) for X ~ Binomial(n, p), k and n integers. */
export function binomCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const q = 1 - p;
  if (p === 0) return 1;
  if (q === 0) return 0;
  const mode = Math.floor((n + 1) * p);
  if (k < mode) {
    const s = tailSum(k, binomTerm(k, n, p, q), -1, 0, (j) => (j / (n - j + 1)) * (q / p));
    if (s !== undefined) return s;
  } else {
    const s = tailSum(k + 1, binomTerm(k + 1, n, p, q), 1, n, (j) => ((n - j) / (j + 1)) * (p / q));
    if (s !== undefined) return 1 - s;
  }
  return betaInc(q, n - k, k + 1, p); // P(X <= k) = I_q(n - k, k + 1)
}

/**
 * The smallest k in [0, n] with P(X <= k) >= alpha (0 < alpha < 1), X ~ Binomial(n, p): a bracket widened from the
 * normal approximation's quantile (off by a few units at most), then bisection; a few cumulative sums instead of
 * log2(n) of them over the whole range. NaN when a probability cannot be computed.
 */
export function binomInv(n: number, p: number, alpha: number): number {
  const sd = Math.sqrt(n * p * (1 - p));
  const guess = Math.min(n, Math.max(0, Math.floor(n * p + normInv(alpha) * sd)));
  let step = Math.max(1, Math.ceil(sd / 8));
  let lo: number; // P(X <= lo) < alpha, or lo = -1
  let hi: number; // P(X <= hi) >= alpha
  const c0 = binomCdf(guess, n, p);
  if (Number.isNaN(c0)) return NaN;
  if (c0 >= alpha) {
    hi = guess;
    lo = guess - step;
    for (; lo >= 0; lo = hi - step) {
      const c = binomCdf(lo, n, p);
      if (Number.isNaN(c)) return NaN;
      if (c < alpha) break;
      hi = lo;
      step *= 2;
    }
    lo = Math.max(lo, -1);
  } else {
    lo = guess;
    hi = guess + step;
    for (; hi < n; hi = lo + step) {
      const c = binomCdf(hi, n, p);
      if (Number.isNaN(c)) return NaN;
      if (c >= alpha) break;
      lo = hi;
      step *= 2;
    }
    hi = Math.min(hi, n);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const c = binomCdf(mid, n, p);
    if (Number.isNaN(c)) return NaN;
    if (c >= alpha) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** P(X = f) for X the failures before the s-th success, success probability p (s/(s+f) × binomial term). */
export function negbinomPmf(f: number, s: number, p: number): number {
  return f === 0 ? Math.pow(p, s) : (s / (s + f)) * binomTerm(s, s + f, p, 1 - p);
}

/** P(X <= f) for the negative binomial (f failures before the s-th success). */
export function negbinomCdf(f: number, s: number, p: number): number {
  if (f < 0) return 0;
  const q = 1 - p;
  const mode = s > 1 ? Math.floor(((s - 1) * q) / p) : 0;
  if (f < mode) {
    const sum = tailSum(f, negbinomPmf(f, s, p), -1, 0, (j) => j / ((j - 1 + s) * q));
    if (sum !== undefined) return sum;
  } else {
    const sum = tailSum(f + 1, negbinomPmf(f + 1, s, p), 1, Infinity, (j) => ((j + s) / (j + 1)) * q);
    if (sum !== undefined) return 1 - sum;
  }
  return betaInc(p, s, f + 1); // P(X <= f) = I_p(s, f + 1)
}

/** P(X <= k) for X ~ Poisson(λ), k an integer. */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  const mode = Math.floor(lambda);
  if (k < mode) {
    const s = tailSum(k, poissonTerm(k, lambda), -1, 0, (j) => j / lambda);
    if (s !== undefined) return s;
  } else {
    const s = tailSum(k + 1, poissonTerm(k + 1, lambda), 1, Infinity, (j) => lambda / (j + 1));
    if (s !== undefined) return 1 - s;
  }
  return gammaInc(k + 1, lambda, true); // P(X <= k) = Q(k + 1, λ)
}

/** x^a y^b / B(a, b) with y = 1 - x, as a b / (a + b) × Loader's binomial term (no ln Γ cancellation). */
function betaFront(x: number, y: number, a: number, b: number): number {
  return ((a * b) / (a + b)) * binomTerm(a, a + b, x, y);
}

/**
 * Most iterations of a series or continued fraction; they converge in O(√a) steps, so this covers parameters up to
 * about 1E11. Beyond, the functions return NaN (Excel's #NUM!) rather than a number that has not converged.
 */
const MAX_ITERATIONS = 5_000_000;
/** Converged: the last factor of a continued fraction is 1 within 1.5 units in the last place. */
const CONVERGED = 3.4e-16;

/** The continued fraction of the incomplete beta function (Numerical Recipes 3rd ed. 6.4, Lentz's method). */
function betaCf(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CONVERGED) return h;
  }
  return NaN;
}

/**
 * The regularized incomplete beta function I_x(a, b), or its complement 1 - I_x(a, b) when `upper`; `y` is 1 - x
 * when the caller knows it more precisely than 1 - x can be computed.
 */
export function betaInc(x: number, a: number, b: number, y = 1 - x, upper = false): number {
  if (x <= 0) return upper ? 1 : 0;
  if (y <= 0) return upper ? 0 : 1;
  const front = betaFront(x, y, a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaCf(a, b, x)) / a;
    return upper ? 1 - lower : lower;
  }
  const up = (front * betaCf(b, a, y)) / b;
  return upper ? up : 1 - up;
}

/** The beta density x^(a-1) y^(b-1) / B(a, b) on (0, 1). */
export function betaPdf(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0 || y <= 0) {
    const e = x <= 0 ? a : b;
    return e < 1 ? Infinity : e === 1 ? (x <= 0 ? b : a) : 0;
  }
  return betaFront(x, y, a, b) / (x * y);
}

/**
 * The y in (0, 1) where I_y(a, b) = p, by bisection to adjacent doubles; p above one half is matched through the
 * upper tail 1 - p, which is exact there, so that probabilities near 1 keep their precision.
 */
export function betaIncInverse(p: number, a: number, b: number): number {
  const q = 1 - p;
  return bisect(p <= 0.5 ? (y) => betaInc(y, a, b) - p : (y) => q - betaInc(y, a, b, 1 - y, true), 0, 1);
}

/**
 * The point where the increasing `f` crosses 0 on [lo, hi], by bisection until the bracket holds adjacent doubles;
 * NaN when `f` is NaN somewhere on the way (a distribution that did not converge).
 */
export function bisect(f: (x: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 2200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const v = f(mid);
    if (Number.isNaN(v)) return NaN;
    if (v < 0) lo = mid;
    else hi = mid;
  }
  return lo + (hi - lo) / 2;
}

/**
 * The regularized incomplete gamma function P(a, x), or Q(a, x) = 1 - P(a, x) when `upper`: the series for
 * x < a + 1, the continued fraction beyond (Numerical Recipes 3rd ed. 6.2); the prefactor x^a e^-x / Γ(a) is
 * a × Loader's Poisson term.
 */
export function gammaInc(a: number, x: number, upper = false): number {
  if (x <= 0) return upper ? 1 : 0;
  if (x === Infinity) return upper ? 0 : 1;
  const front = a * poissonTerm(a, x);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    let converged = false;
    for (let i = 0; i < MAX_ITERATIONS && !converged; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      converged = Math.abs(del) < Math.abs(sum) * 1e-17;
    }
    if (!converged) return NaN;
    const lower = sum * front;
    return upper ? 1 - lower : lower;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  let converged = false;
  for (let i = 1; i < MAX_ITERATIONS && !converged; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    converged = Math.abs(del - 1) < CONVERGED;
  }
  if (!converged) return NaN;
  const up = front * h;
  return upper ? up : 1 - up;
}

/** The gamma density with shape a and scale 1 at x (R's dgamma: Loader's Poisson term). */
export function gammaPdf(x: number, a: number): number {
  if (x < 0) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 : 0;
  return a < 1 ? (poissonTerm(a, x) * a) / x : poissonTerm(a - 1, x);
}

/**
 * The x where P(a, x) = p (or Q(a, x) = p when `upper`), 0 < p < 1, by bisection on a doubling bracket; whichever tail
 * is below one half is matched directly, so that a tiny tail probability keeps its precision.
 */
export function gammaIncInverse(p: number, a: number, upper = false): number {
  const lower = upper ? 1 - p : p;
  const up = upper ? p : 1 - p;
  const f = lower <= 0.5 ? (x: number) => gammaInc(a, x) - lower : (x: number) => up - gammaInc(a, x, true);
  let hi = Math.max(1, a);
  while (f(hi) < 0 && hi < 1e300) hi *= 2;
  return bisect(f, 0, hi);
}

/**
 * Φ(z) - 1/2, the standard normal probability between 0 and z (Excel's GAUSS): near 0 by its Maclaurin series
 * (A&S 26.2.10), which keeps every digit, beyond from erfc.
 */
export function normCentral(z: number): number {
  if (Math.abs(z) >= 1) return 0.5 * erfc(-z / Math.SQRT2) - 0.5;
  const h = (-z * z) / 2;
  let term = z;
  let sum = z;
  for (let n = 1; n < 60; n++) {
    term *= h / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) <= 1e-17 * Math.abs(sum)) break;
  }
  return sum * INV_SQRT_2PI;
}

/**
 * Φ(z), the standard normal distribution: 1/2 plus the series near 0, which keeps the last digit (LOGNORM.INV of a
 * probability 1E-12 from one half depends on it); beyond, from erfc so that both tails keep their relative precision.
 */
export function normCdf(z: number): number {
  return Math.abs(z) < 1 ? 0.5 + normCentral(z) : 0.5 * erfc(-z / Math.SQRT2);
}

/** φ(z), the standard normal density. */
export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z - LN_SQRT_2PI);
}

/** Φ⁻¹(p) for 0 < p < 1: Wichura's AS 241 (PPND16), accurate to about 1 part in 10^16. */
export function normInv(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
          4.5921953931549871457e4) *
          r +
          1.3731693765509461125e4) *
          r +
          1.9715909503065514427e3) *
          r +
          1.3314166789178437745e2) *
          r +
          3.387132872796366608)) /
      (((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.871870074920579083e2) *
        r +
        4.2313330701600911252e1) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z =
      (((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    z =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.48753612908506148525e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
        1);
  }
  return q < 0 ? -z : z;
}
