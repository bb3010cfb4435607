import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { RichTextProps } from "./Editor";

/** The editor and its ProseMirror/Tiptap code load on first use, not with a citizen's first page. */
const Editor = lazy(() => import("./Editor"));

export function RichText(props: RichTextProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="richtext richtext--loading">{t("app.loading")}</p>}>
      <Editor {...props} />
    </Suspense>
  );
}
