import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import "./richtext.css";
import { useTranslation } from "react-i18next";
import { type RichField, richText, richTextKey } from "../../shared";
import { useWorkshop } from "../sync/context";
import { CaretChannel } from "./carets";
import { SAFE_LINK, safeHref } from "./links";

export interface RichTextProps {
  recordId: string;
  field: RichField;
  /** Accessible name of the text area, e.g. "Description of Queue SMS". */
  label: string;
  editable: boolean;
}

/** A collaborative rich-text field bound to one top-level XmlFragment. Loaded lazily (see RichText.tsx). */
export default function RichTextEditor({ recordId, field, label, editable }: RichTextProps) {
  const { docs, awareness, self } = useWorkshop();
  const fragment = richText(docs.content, recordId, field);
  const carets = useMemo(
    () =>
      awareness ? new CaretChannel(awareness, docs.content, richTextKey(recordId, field), editable) : null,
    [awareness, docs.content, recordId, field, editable],
  );
  useEffect(() => {
    if (!carets) return;
    carets.start();
    return () => carets.destroy();
  }, [carets]);

  const editor = useEditor(
    {
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      extensions: [
        StarterKit.configure({
          // Collaboration brings its own undo, scoped to this person's changes.
          undoRedo: false,
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          link: {
            openOnClick: !editable,
            autolink: true,
            defaultProtocol: "https",
            protocols: [],
            isAllowedUri: (url) => SAFE_LINK.test(url),
            shouldAutoLink: (url) => SAFE_LINK.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url),
            HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
          },
        }),
        TaskList,
        TaskItem.configure({ nested: true }),
        Collaboration.configure({ fragment }),
        ...(carets
          ? [
              CollaborationCaret.configure({
                provider: { awareness: carets },
                user: { name: self.name, color: self.color },
              }),
            ]
          : []),
      ],
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [fragment, editable, carets],
  );

  // The label names its record ("Description of <title>"): a rename must reach screen readers without
  // rebuilding the editor (which would drop the caret and the selection).
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, label, editable]);

  return (
    <div className={`richtext${editable ? "" : " richtext--readonly"}`}>
      {editable && editor && <Toolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
    </div>
  );
}

const editorAttributes = (label: string, editable: boolean): Record<string, string> => ({
  class: "richtext__content",
  role: "textbox",
  "aria-multiline": "true",
  "aria-label": label,
  ...(editable ? {} : { "aria-readonly": "true" }),
});

const MARKS = [
  { key: "bold", mark: "B", run: (e: Editor) => e.chain().focus().toggleBold().run() },
  { key: "italic", mark: "I", run: (e: Editor) => e.chain().focus().toggleItalic().run() },
] as const;

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [linking, setLinking] = useState(false);
  const [href, setHref] = useState("");
  const [error, setError] = useState(false);
  const inputId = useId();
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      task: e.isActive("taskList"),
      link: e.isActive("link"),
    }),
  });

  const buttons: { key: keyof typeof active; text: string; run: () => void }[] = [
    { key: "h2", text: "H2", run: () => editor.chain().focus().toggleHeading({ level: 2 }).run() },
    { key: "h3", text: "H3", run: () => editor.chain().focus().toggleHeading({ level: 3 }).run() },
    ...MARKS.map((m) => ({ key: m.key, text: m.mark, run: () => m.run(editor) })),
    { key: "bullet", text: "•", run: () => editor.chain().focus().toggleBulletList().run() },
    { key: "ordered", text: "1.", run: () => editor.chain().focus().toggleOrderedList().run() },
    { key: "task", text: "☑", run: () => editor.chain().focus().toggleTaskList().run() },
    {
      key: "link",
      text: "link",
      run: () => {
        if (editor.isActive("link")) editor.chain().focus().unsetLink().run();
        else {
          setHref("");
          setError(false);
          setLinking(true);
        }
      },
    },
  ];

  // A toolbar is one tab stop; arrow keys move between its buttons.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    event.preventDefault();
    const next =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? items.length - 1
          : (at + (event.key === "ArrowRight" ? 1 : -1) + items.length) % items.length;
    for (const [i, item] of items.entries()) item.tabIndex = i === next ? 0 : -1;
    items[next]?.focus();
  };

  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const url = safeHref(href);
    if (!url) {
      setError(true);
      return;
    }
    const chain = editor.chain().focus();
    if (editor.state.selection.empty)
      chain.insertContent({ type: "text", text: url, marks: [{ type: "link", attrs: { href: url } }] }).run();
    else chain.extendMarkRange("link").setLink({ href: url }).run();
    setLinking(false);
  };

  return (
    <>
      <div
        ref={ref}
        role="toolbar"
        aria-label={t("methods.richtext.toolbar", { field: label })}
        className="richtext__toolbar"
        onKeyDown={onKeyDown}
      >
        {buttons.map((b, i) => (
          <button
            key={b.key}
            type="button"
            tabIndex={i === 0 ? 0 : -1}
            className="richtext__button"
            aria-pressed={active[b.key]}
            aria-label={t(`methods.richtext.${b.key}`)}
            title={t(`methods.richtext.${b.key}`)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={b.run}
          >
            {b.text === "link" ? (
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                <path
                  d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                  strokeLinecap="round"
                />
              </svg>
            ) : (
              <span aria-hidden="true" className={`richtext__icon richtext__icon--${b.key}`}>
                {b.text}
              </span>
            )}
          </button>
        ))}
      </div>
      {linking && (
        <form className="richtext__link" onSubmit={applyLink}>
          <label htmlFor={inputId}>{t("methods.richtext.linkAddress")}</label>
          <input
            id={inputId}
            type="url"
            inputMode="url"
            value={href}
            aria-invalid={error}
            aria-describedby={error ? `${inputId}-error` : undefined}
            // biome-ignore lint/a11y/noAutofocus: the form opens on request, for typing the address.
            autoFocus
            onChange={(event) => setHref(event.target.value)}
            onKeyDown={(event) => event.key === "Escape" && setLinking(false)}
          />
          <button type="submit" className="button button--small">
            {t("methods.richtext.linkApply")}
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setLinking(false)}
          >
            {t("methods.cancel")}
          </button>
          {error && (
            <p id={`${inputId}-error`} className="field-error">
              {t("methods.richtext.linkUnsafe")}
            </p>
          )}
        </form>
      )}
    </>
  );
}
