import { crc32, deflateSync } from "node:zlib";

/**
 * A real PNG of one colour, built chunk by chunk so every CRC is right: uploads are sniffed and shown
 * by browsers, so tests need a file that decodes, not just a signature.
 */
export function solidPng(
  width = 2,
  height = 2,
  rgb: readonly [number, number, number] = [0x1d, 0x4e, 0xd8],
): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, no interlace
  // Each scanline: filter type 0, then the pixels.
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
