// Masking personal identifiers for display in lists and profile pages: 139****5678, z***@example.com.
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : "****";
}

export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  if (!domain) return "****";
  return `${local.slice(0, 1)}***@${domain}`;
}

export function maskIdentifier(value: string): string {
  return value.includes("@") ? maskEmail(value) : maskPhone(value);
}

/** Resident ID number: first 6 (region) and last 4 kept — 150102********123X. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : "****";
}
