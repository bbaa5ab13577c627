/** The envelope of every socket ack (DESIGN §6): `{ success: true, ... }` or `{ success: false, error }`. */
import type { ErrorBody } from "../errors/app-error";

export type AckOk<T extends object = object> = { success: true } & T;
export type AckError = { success: false; error: ErrorBody };
export type Ack<T extends object = object> = AckOk<T> | AckError;
export type AckCallback<T extends object = object> = (response: Ack<T>) => void;
