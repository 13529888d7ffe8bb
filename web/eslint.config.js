// ESLint flat config: Vue 3 recommended rules plus typescript-eslint's recommended set.
import pluginVue from 'eslint-plugin-vue'
import { withVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'

export default withVueTs(
  // Generated from the server's API description (scripts/web-api-types): not ours to lint.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/api/generated/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      // Page components are named by their folder (views/org/UnitDetail.vue): one word is fine.
      'vue/multi-word-component-names': 'off',
      // Prettier is not used; keep templates readable without fighting the formatter rules.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
)
