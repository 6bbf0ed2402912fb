/** Types of SheetJS's `bessel` package (Apache-2.0), which ships none: each function takes x and the order n. */
declare module 'bessel' {
  export function besseli(x: number, n: number): number;
  export function besselj(x: number, n: number): number;
  export function besselk(x: number, n: number): number;
  export function bessely(x: number, n: number): number;
}
