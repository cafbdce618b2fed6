import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as api from '../api';
import { hasRole, type Role, type User } from '../model';

export const useSession = defineStore('session', () => {
  const user = ref<User | null>(null);
  const checked = ref(false);

  function accept(answer: { user: User; csrfToken: string } | null): void {
    user.value = answer?.user ?? null;
    api.setCsrfToken(answer?.csrfToken ?? '');
  }

  async function restore(): Promise<void> {
    if (checked.value) return;
    try {
      accept(await api.getSession());
    } catch {
      accept(null);
    }
    checked.value = true;
  }

  async function login(username: string, password: string): Promise<void> {
    accept(await api.login(username, password));
    checked.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
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
