import "./phone.css";
import { useTranslation } from "react-i18next";
import type { StageId } from "../../shared";
import { Board } from "../board/Board";
import { type PhoneView, useSession } from "../state/session";
import { StageList } from "./StageList";
import { useIsPhone } from "./useIsPhone";

const VIEWS: readonly PhoneView[] = ["list", "canvas"];

/** A stage's notes: the canvas, or on a phone the list (the canvas stays one tap away). */
export function StageBoard({ stage }: { stage: StageId }) {
  const { t } = useTranslation();
  const phone = useIsPhone();
  const view = useSession((s) => s.phoneView);
  const setView = useSession((s) => s.setPhoneView);
  if (!phone) return <Board stage={stage} />;
  return (
    <div className="phone-stage">
      {/* Keyed: a draft written on one stage must not be added to the next one. */}
      {view === "list" ? <StageList key={stage} stage={stage} /> : <Board stage={stage} />}
      {/* Floats over the bottom edge instead of taking a row of a small screen; last in tab order too. */}
      <fieldset className="phone-mode">
        <legend className="visually-hidden">{t("phone.mode.label")}</legend>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className="phone-mode__button"
            aria-pressed={v === view}
            onClick={() => setView(v)}
          >
            {t(`phone.mode.${v}`)}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
