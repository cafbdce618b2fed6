import { createRouter, createWebHistory } from 'vue-router';
import { useSession } from './stores/session';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./views/LoginView.vue'),
      meta: { public: true, title: '登录' },
    },
    { path: '/', name: 'reports', component: () => import('./views/ReportsView.vue'), meta: { title: '年度报告' } },
    { path: '/new', name: 'new', component: () => import('./views/NewReportView.vue'), meta: { title: '新建报告' } },
    {
      path: '/reports/:id',
      name: 'editor',
      component: () => import('./views/EditorView.vue'),
      props: true,
      meta: { title: '编辑报告' },
    },
    {
      path: '/overview',
      name: 'overview',
      component: () => import('./views/OverviewView.vue'),
      meta: { title: '下级报告总览' },
    },
    {
      path: '/account',
      name: 'account',
      component: () => import('./views/AccountView.vue'),
      meta: { title: '修改密码' },
    },
    { path: '/admin', name: 'admin', component: () => import('./views/AdminView.vue'), meta: { title: '机构与账号' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  const session = useSession();
  await session.restore();
  if (!to.meta.public && !session.user)
    return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (to.name === 'login' && session.user) return { name: 'reports' };
  return true;
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 政府信息公开工作年度报告`;
});
