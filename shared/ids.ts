import { customAlphabet, nanoid } from "nanoid";

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type WorkshopId = Brand<string, "WorkshopId">;
export type NoteId = Brand<string, "NoteId">;
export type ParticipantId = Brand<string, "ParticipantId">;
export type Token = Brand<string, "Token">;

// Workshop ids show up in URLs people read aloud and type from projectors: no look-alike characters.
const readable = customAlphabet("23456789abcdefghijkmnpqrstuvwxyz", 12);

export const newWorkshopId = (): WorkshopId => readable() as WorkshopId;
export const newNoteId = (): NoteId => nanoid(12) as NoteId;
export const newParticipantId = (): ParticipantId => nanoid(16) as ParticipantId;
/** 32 url-safe characters of 6 bits each: 192 bits, past the 128 the links must carry. */
export const newToken = (): Token => nanoid(32) as Token;

const WORKSHOP_ID = /^[2-9a-km-np-z]{12}$/;
export const isWorkshopId = (value: unknown): value is WorkshopId =>
  typeof value === "string" && WORKSHOP_ID.test(value);
