import type Database from "better-sqlite3";
import type { ImageType, Role } from "../shared/protocol";

/** One uploaded image (storyboard steps, persona pictures); images belong to one workshop and are never shared. */
export interface StoredImage {
  workshopId: string;
  id: string;
  type: ImageType;
  /** Size of `data`, kept apart so counting and listing never read the blob. */
  bytes: number;
  data: Uint8Array;
  createdAt: number;
  uploaderRole: Role;
}

export interface ImageStore {
  put(image: StoredImage): void;
  /** The image if it belongs to this workshop; an id of another workshop's image gives null. */
  get(workshopId: string, id: string): { type: ImageType; data: Uint8Array; bytes: number } | null;
  count(workshopId: string): number;
}

export function createMemoryImageStore(): ImageStore {
  const images = new Map<string, StoredImage>();
  const key = (workshopId: string, id: string) => `${workshopId}\u0000${id}`;
  return {
    put(image) {
      if (images.has(key(image.workshopId, image.id))) throw new Error(`image ${image.id} exists`);
      images.set(key(image.workshopId, image.id), { ...image, data: image.data.slice() });
    },
    get(workshopId, id) {
      const image = images.get(key(workshopId, id));
      return image ? { type: image.type, data: image.data.slice(), bytes: image.bytes } : null;
    },
    count(workshopId) {
      let n = 0;
      for (const image of images.values()) if (image.workshopId === workshopId) n++;
      return n;
    },
  };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS images (
  workshop_id TEXT NOT NULL,
  id TEXT NOT NULL,
  type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  uploader_role TEXT NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
`;

export function createSqliteImageStore(db: Database.Database): ImageStore {
  db.exec(SCHEMA);
  const insert = db.prepare(
    `INSERT INTO images (workshop_id, id, type, bytes, data, created_at, uploader_role)
     VALUES (@workshopId, @id, @type, @bytes, @data, @createdAt, @uploaderRole)`,
  );
  const select = db.prepare<[string, string], { type: ImageType; data: Buffer; bytes: number }>(
    "SELECT type, data, bytes FROM images WHERE workshop_id = ? AND id = ?",
  );
  const count = db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM images WHERE workshop_id = ?");
  return {
    put: (image) => void insert.run(image),
    get(workshopId, id) {
      const row = select.get(workshopId, id);
      // better-sqlite3's Buffers may share a pooled backing store: hand out a copy of its own.
      return row ? { type: row.type, data: new Uint8Array(row.data), bytes: row.bytes } : null;
    },
    count: (workshopId) => count.get(workshopId)?.n ?? 0,
  };
}
