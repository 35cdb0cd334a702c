import { hash, verify } from "@node-rs/argon2";

/** Argon2id with the library's defaults (memory-hard; ~tens of ms per hash). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 10;
