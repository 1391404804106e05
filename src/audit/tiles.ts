import { ValidationError } from '../errors/validationError.ts';

/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles): the tree as tiles of 256 hashes. Tile n at level l holds,
 * for i in 0..255, MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]), which is the stored perfect
 * subtree of height 8·l at index n·256 + i. A partial tile holds the first w < 256 of them.
 */
export const TILE_WIDTH = 256;
/** Levels above this would span more than 2^53 leaves. */
export const MAX_TILE_LEVEL = 5;

export interface TileAddress {
  /** Merkle level, or 'entries' for an entry bundle. */
  level: number | 'entries';
  index: number;
  /** 256 for a full tile, else the partial width. */
  width: number;
}

/**
 * Parses the part of a tile URL after `/tile/`: `<L>/<N>[.p/<W>]` or `entries/<N>[.p/<W>]`, with
 * N in 3-digit groups, all but the last prefixed `x` (1234067 → x001/x234/067). Only the one
 * canonical spelling of each tile is accepted, so a cache never holds two copies of it.
 */
export function parseTilePath(path: string): TileAddress {
  const m = /^(0|[1-9]\d?|entries)\/((?:x\d{3}\/)*\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(path);
  const invalid = () => new ValidationError([{ path: 'params/tile', message: 'must be <L>/<N>[.p/<W>] or entries/<N>[.p/<W>] as c2sp.org/tlog-tiles spells them' }]);
  if (!m) throw invalid();
  const groups = m[2]!.split('/').map((g) => g.replace('x', ''));
  if (groups.length > 1 && groups[0] === '000') throw invalid();
  if (groups.length > 6) throw invalid();
  const index = Number(groups.join(''));
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (m[3] !== undefined && width >= TILE_WIDTH) throw invalid();
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) throw invalid();
  return { level, index, width };
}

/** The tile path of an address, as parseTilePath reads it. */
export function tilePath(address: TileAddress): string {
  const digits = String(address.index).padStart(3, '0');
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g)!;
  const n = groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
  return `${address.level}/${n}${address.width < TILE_WIDTH ? `.p/${address.width}` : ''}`;
}

/** True when a tree of `treeSize` leaves holds the whole tile (or entry bundle) at `address`. */
export function tileWithin(address: TileAddress, treeSize: number): boolean {
  const first = address.index * TILE_WIDTH;
  if (address.level === 'entries') return first + address.width <= treeSize;
  if (address.level > MAX_TILE_LEVEL) return false;
  return first + address.width <= Math.floor(treeSize / TILE_WIDTH ** address.level);
}

/**
 * The hashes of one tile of a tree of `treeSize` leaves, concatenated; undefined when the tree does
 * not (yet) hold that many hashes at that level. `subtrees(h, first, count)` reads `count`
 * consecutive perfect subtrees of height h from index `first`, concatenated: a tile is one range
 * read, not 256. Entry bundles are read elsewhere: they are the leaves' inputs, not hashes.
 */
export function readTile(address: TileAddress & { level: number }, treeSize: number, subtrees: (height: number, first: number, count: number) => Buffer): Buffer | undefined {
  if (!tileWithin(address, treeSize)) return undefined;
  return subtrees(8 * address.level, address.index * TILE_WIDTH, address.width);
}

/** The entry bundle of leaf inputs: each a big-endian uint16 length, then the bytes. */
export function entryBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const len = Buffer.alloc(2);
    len.writeUInt16BE(e.length);
    parts.push(len, Buffer.from(e));
  }
  return Buffer.concat(parts);
}
