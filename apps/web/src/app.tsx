import { QueryClientProvider } from "@tanstack/solid-query";
import { Router } from "@solidjs/router";
import { Layout } from "./shell/layout.tsx";
import { queryClient } from "./lib/api.ts";
import { routes } from "./routes.ts";

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Router root={Layout}>{routes}</Router>
    </QueryClientProvider>
  );
}
