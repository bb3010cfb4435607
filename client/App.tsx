import { ErrorPage } from "./pages/ErrorPage";
import { HomePage } from "./pages/HomePage";
import { WorkshopPage } from "./pages/WorkshopPage";
import { usePath, workshopIdFromPath } from "./router";

export function App() {
  const path = usePath();
  if (path === "/" || path === "/index.html") return <HomePage />;
  const id = workshopIdFromPath(path);
  // Keyed by id: opening another workshop starts from a clean connection.
  if (id) return <WorkshopPage key={id} id={id} />;
  return <ErrorPage kind="notFound" />;
}
