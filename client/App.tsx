import { lazy, Suspense } from "react";
import { ErrorPage } from "./pages/ErrorPage";
import { HomePage } from "./pages/HomePage";
import { WorkshopPage } from "./pages/WorkshopPage";
import { publicIdFromPath, usePath, workshopIdFromPath } from "./router";

// Public pages (published reports, /open) load on demand: the citizen's first page stays small.
const PublicPage = lazy(() => import("./public/PublicPage"));
const OpenPage = lazy(() => import("./public/OpenPage"));

export function App() {
  const path = usePath();
  if (path === "/" || path === "/index.html") return <HomePage />;
  const id = workshopIdFromPath(path);
  // Keyed by id: opening another workshop starts from a clean connection.
  if (id) return <WorkshopPage key={id} id={id} />;
  const publicId = publicIdFromPath(path);
  if (publicId || path === "/open" || path === "/open/")
    return (
      <Suspense fallback={null}>
        {publicId ? <PublicPage key={publicId} id={publicId} /> : <OpenPage />}
      </Suspense>
    );
  return <ErrorPage kind="notFound" />;
}
