export const REQUIRED: string;
export function nodeVersionProblem(version: string, task: string, execPath?: string): string | null;
export function requireNode(task: string): void;
