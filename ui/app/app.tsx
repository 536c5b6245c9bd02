// Runs in the plugin iframe: the panel's root component (placeholder until the panel lands).
import { Text } from "@create-figma-plugin/ui";

export function App() {
  return <Text>brandfill</Text>;
}
