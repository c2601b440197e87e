<?php

namespace RouterBridge\Tests\Harness;

/**
 * The product's "Module Settings" tab as WHMCS renders it from <module>_ConfigOptions() (developer docs,
 * provisioning-modules/simple-mode and loader-functions): when any field declares 'SimpleMode' => true the
 * tab opens in simple mode, showing only those fields, and only there does WHMCS call a field's 'Loader'
 * (with the chosen server's params) to turn it into a dropdown of the loader's answer. Advanced mode shows
 * every field as declared and calls no loader. A loader that throws leaves a text box and shows the message.
 */
final class ModuleSettings
{
    /**
     * @return array<string, array{type:string, options:array<string,string>, error:?string}> the fields shown, by name
     */
    public static function render(string $module, int $serverId, bool $advancedMode = false): array
    {
        ModuleRunner::load($module);
        $fields = (array) call_user_func($module . '_ConfigOptions', []);
        $hasSimpleMode = array_filter($fields, static fn ($field) => ($field['SimpleMode'] ?? false) === true) !== [];
        $simple = $hasSimpleMode && !$advancedMode;
        $shown = [];
        foreach ($fields as $name => $field) {
            if ($simple && ($field['SimpleMode'] ?? false) !== true) {
                continue;
            }
            $type = (string) ($field['Type'] ?? 'text');
            $options = [];
            if ($type === 'dropdown' || $type === 'radio') {
                foreach (explode(',', (string) ($field['Options'] ?? '')) as $option) {
                    $options[$option] = $option;
                }
            }
            $shownField = ['type' => $type, 'options' => $options, 'error' => null];
            if ($simple && isset($field['Loader'])) {
                try {
                    $loaded = call_user_func($field['Loader'], ParamsBuilder::forServer($serverId, $module));
                    $shownField = ['type' => 'dropdown', 'options' => array_map('strval', (array) $loaded), 'error' => null];
                } catch (\Throwable $e) {
                    $shownField['error'] = $e->getMessage();
                }
            }
            $shown[$name] = $shownField;
        }
        return $shown;
    }
}
