// Runs in the plugin iframe: the @create-figma-plugin/ui parts the panel uses.
//
// Imported by relative path, past the package's "exports", on purpose: esbuild keeps the
// stylesheet of every module the barrel ("@create-figma-plugin/ui") imports, even when
// tree-shaking drops that module's code, so the barrel alone put ~27 KB of unused component
// CSS into dist/ui.html. Importing each component's own file bundles only the CSS used.
// Add a component here (same path pattern) before using it.
export { Banner } from "../../../node_modules/@create-figma-plugin/ui/lib/components/banner/banner.js";
export { Button } from "../../../node_modules/@create-figma-plugin/ui/lib/components/button/button.js";
export { Checkbox } from "../../../node_modules/@create-figma-plugin/ui/lib/components/checkbox/checkbox.js";
export { Dropdown, type DropdownOption } from "../../../node_modules/@create-figma-plugin/ui/lib/components/dropdown/dropdown.js";
export { IconButton } from "../../../node_modules/@create-figma-plugin/ui/lib/components/icon-button/icon-button.js";
export { LoadingIndicator } from "../../../node_modules/@create-figma-plugin/ui/lib/components/loading-indicator/loading-indicator.js";
export { SearchTextbox } from "../../../node_modules/@create-figma-plugin/ui/lib/components/search-textbox/search-textbox.js";
export { SegmentedControl } from "../../../node_modules/@create-figma-plugin/ui/lib/components/segmented-control/segmented-control.js";
export { Tabs } from "../../../node_modules/@create-figma-plugin/ui/lib/components/tabs/tabs.js";
export { Textbox } from "../../../node_modules/@create-figma-plugin/ui/lib/components/textbox/textbox/textbox.js";
export { TextboxMultiline } from "../../../node_modules/@create-figma-plugin/ui/lib/components/textbox/textbox-multiline/textbox-multiline.js";
export { useWindowResize } from "../../../node_modules/@create-figma-plugin/ui/lib/hooks/use-window-resize.js";
export { IconAdjust16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-adjust-16.js";
export { IconCheck16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-check-16.js";
export { IconChevronDown16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-chevron-down-16.js";
export { IconFrame16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-frame-16.js";
export { IconImage16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-image-16.js";
export { IconInfo16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-info-16.js";
export { IconLockLocked16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-lock-locked-16.js";
export { IconLockUnlocked16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-lock-unlocked-16.js";
export { IconWarning16 } from "../../../node_modules/@create-figma-plugin/ui/lib/icons/icon-16/icon-warning-16.js";
