import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, setCsrfToken } from '../api';
import { hasRole, type Role, toUser, type User } from '../model';

export const useSession = defineStore('session', () => {
  const user = ref<User | null>(null);
  const checked = ref(false);

  function accept(answer: { user?: unknown; csrfToken?: string } | null | undefined): void {
    user.value = answer?.user ? toUser(answer.user) : null;
    setCsrfToken(answer?.csrfToken ?? '');
  }

  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      accept(await api<{ user: unknown; csrfToken: string }>('GET', '/api/session'));
    } catch {
      accept(null);
    }
    checked.value = true;
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await api<{ user: unknown; csrfToken: string }>('POST', '/api/session', { body: { username, password } }));
    checked.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await api('DELETE', '/api/session');
    } finally {
      accept(null);
    }
  }

  function expire(): void {
    accept(null);
  }

  const is = (role: Role) => computed(() => hasRole(user.value, role));
  return {
    user,
    checked,
    restore,
    login,
    logout,
    expire,
    isEditor: is('editor'),
    isReviewer: is('reviewer'),
    isAdmin: is('admin'),
  };
});
