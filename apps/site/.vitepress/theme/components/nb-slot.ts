// The body of a generated page: written into the HTML by the generator, kept as it is when the page hydrates
// (a render function, so hydration never re-sets innerHTML).
import { useRoute } from 'vitepress';
import { computed, defineComponent, h, nextTick, onMounted, watch } from 'vue';
import { slotHtml } from '../stamped';
import { markTarget } from '../target';

export default defineComponent({
  name: 'NbSlot',
  setup() {
    const route = useRoute();
    const html = computed(() => (import.meta.env.SSR ? '' : slotHtml(route.path)));
    onMounted(() => nextTick(markTarget));
    watch(html, () => nextTick(markTarget));
    return () => h('div', { class: 'nb-slot', innerHTML: html.value });
  },
});
