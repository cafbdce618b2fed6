import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import './style.css';
import App from './App.vue';
import { whenUnauthorized } from './api';
import { router } from './router';
import { useSession } from './stores/session';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(router).use(ElementPlus, { locale: zhCn });
whenUnauthorized(() => {
  useSession(pinia).expire();
  if (router.currentRoute.value.name !== 'login')
    void router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } });
});
app.mount('#app');
