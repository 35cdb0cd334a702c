"use client";
// The kiosk's screens. Each is a plain view: kiosk-app.tsx owns the flow and passes callbacks.
// Texts come from src/kiosk/i18n (useTranslations("kiosk") under the kiosk's own provider).
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { KioskLanguage, KioskOutcome, WalkInFull, WalkInMinimal } from "@/src/domain/visits/kiosk-outcome";
import {
  parseQueueNumber,
  validateWalkInFull,
  validateWalkInMinimal,
  type WalkInError,
  type WalkInFullDraft,
  type WalkInMinimalDraft,
} from "@/src/kiosk/components/kiosk-machine";
import { directionOf, kioskMessages, LANGUAGE_DIR, LANGUAGE_ORDER } from "@/src/kiosk/i18n/messages";
import { CameraScanner } from "@/src/kiosk/scan/camera-scanner";
import { normaliseScan } from "@/src/kiosk/scan/normalise";
import type { OnScan } from "@/src/kiosk/scan/types";

// ---- Shared pieces ---------------------------------------------------------------------------

/** The screen's title; takes focus when the screen opens, so screen readers start there. */
function Heading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}

function BackButton({ onBack, label }: { onBack: () => void; label?: string }) {
  const t = useTranslations("kiosk");
  return (
    <button type="button" className="kiosk-btn kiosk-btn-secondary" onClick={onBack} data-testid="kiosk-back">
      <Icon name="back" />
      {label ?? t("back")}
    </button>
  );
}

type IconName = "scan" | "form" | "ticket" | "leave" | "back" | "ok" | "desk" | "wait" | "alert" | "bye" | "exit";

const ICON_PATHS: Record<IconName, ReactNode> = {
  scan: (
    <>
      <path d="M3 8V5a2 2 0 0 1 2-2h3M16 3h3a2 2 0 0 1 2 2v3M21 16v3a2 2 0 0 1-2 2h-3M8 21H5a2 2 0 0 1-2-2v-3" />
      <path d="M7 7h4v4H7zM13 13h4v4h-4zM13 7h4M7 17h2M17 10v1" />
    </>
  ),
  form: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M9 11h7M9 15h7M9 7h4" />
    </>
  ),
  ticket: (
    <>
      <path d="M3 8a2 2 0 0 0 0 4v0a2 2 0 0 1 0 4v2h18v-2a2 2 0 0 1 0-4 2 2 0 0 0 0-4V6H3z" />
      <path d="M13 6v12" strokeDasharray="2 2" />
    </>
  ),
  leave: (
    <>
      <path d="M14 3H6v18h8" />
      <path d="M10 12h11M17 8l4 4-4 4" />
    </>
  ),
  back: <path d="M19 12H5M11 6l-6 6 6 6" />,
  ok: (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M7.5 12.5l3 3 6-6.5" />
    </>
  ),
  desk: (
    <>
      <circle cx="12" cy="7" r="3.5" />
      <path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6" />
    </>
  ),
  wait: (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M12 7v5l3.5 2" />
    </>
  ),
  alert: (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M12 7v6M12 16.5v.5" />
    </>
  ),
  bye: (
    <>
      <path d="M14 3H6v18h8" />
      <path d="M10 12h11M17 8l4 4-4 4" />
    </>
  ),
  exit: (
    <>
      <circle cx="14" cy="4.5" r="2" />
      <path d="M9 21l3-6 3 2v5M12 15l1-6 4 3 3 0M13 9l-4 1-2 3" />
    </>
  ),
};

function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`kiosk-icon kiosk-icon-${name}${className ? ` ${className}` : ""}`}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICON_PATHS[name]}
    </svg>
  );
}

function QueueBanner({ queueNumber }: { queueNumber: number | null }) {
  const t = useTranslations("kiosk.idle");
  if (!queueNumber) return null;
  return (
    <p className="kiosk-banner" data-testid="kiosk-queue-number">
      <Icon name="ticket" />
      {t("yourNumber", { number: String(queueNumber) })}
    </p>
  );
}

// ---- Idle --------------------------------------------------------------------------------------

interface IdleProps {
  language: KioskLanguage;
  calledNumbers: number[];
  hasCapacity: boolean;
  queueNumber: number | null;
  busy: boolean;
  onLanguage: (language: KioskLanguage) => void;
  onScan: () => void;
  onWalkIn: () => void;
  onQueueNumber: () => void;
  onLeave: () => void;
}

export function IdleScreen(props: IdleProps) {
  const t = useTranslations("kiosk");
  const { calledNumbers, hasCapacity, queueNumber, busy } = props;
  return (
    <section className="kiosk-screen kiosk-idle" data-testid="kiosk-idle">
      <div className="kiosk-idle-head">
        <Heading>{t("idle.welcome")}</Heading>
        <p className="kiosk-lead">{t("idle.intro")}</p>
      </div>
      {calledNumbers.length > 0 && (
        <div className="kiosk-called" role="status" data-testid="kiosk-called">
          <p className="kiosk-called-title">{t("idle.calledTitle")}</p>
          <ul>
            {calledNumbers.map((n) => (
              <li key={n} data-testid={`kiosk-called-${n}`}>
                {t("idle.called", { number: String(n) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <QueueBanner queueNumber={queueNumber} />
      <div className={`kiosk-actions kiosk-actions-${hasCapacity && !queueNumber ? 3 : 2}`}>
        <ActionButton
          testId="kiosk-scan"
          primary
          icon="scan"
          label={t("idle.scan")}
          hint={t("idle.scanHint")}
          onClick={props.onScan}
          disabled={busy}
        />
        <ActionButton
          testId="kiosk-walk-in"
          icon="form"
          label={t("idle.noCode")}
          hint={t("idle.noCodeHint")}
          onClick={props.onWalkIn}
          disabled={busy}
        />
        {hasCapacity && !queueNumber && (
          <ActionButton
            testId="kiosk-queue"
            icon="ticket"
            label={t("idle.queueNumber")}
            hint={t("idle.queueNumberHint")}
            onClick={props.onQueueNumber}
            disabled={busy}
          />
        )}
        <ActionButton
          testId="kiosk-leave"
          icon="leave"
          label={t("idle.leave")}
          hint={t("idle.leaveHint")}
          onClick={props.onLeave}
          disabled={busy}
        />
      </div>
      <LanguageChoice language={props.language} onLanguage={props.onLanguage} />
    </section>
  );
}

function ActionButton(props: {
  testId: string;
  icon: IconName;
  label: string;
  hint: string;
  primary?: boolean;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`kiosk-action${props.primary ? " kiosk-action-primary" : ""}`}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      <Icon name={props.icon} />
      <span className="kiosk-action-text">
        <span className="kiosk-action-label">{props.label}</span>
        <span className="kiosk-action-hint">{props.hint}</span>
      </span>
    </button>
  );
}

function LanguageChoice({ language, onLanguage }: { language: KioskLanguage; onLanguage: (l: KioskLanguage) => void }) {
  const t = useTranslations("kiosk");
  return (
    <fieldset className="kiosk-languages">
      <legend className="kiosk-languages-label">{t("languageGroup")}</legend>
      <div className="kiosk-languages-list">
        {LANGUAGE_ORDER.map((l) => (
          <button
            key={l}
            type="button"
            className="kiosk-lang"
            lang={l}
            dir={LANGUAGE_DIR[l]}
            aria-pressed={l === language}
            onClick={() => onLanguage(l)}
            data-testid={`kiosk-lang-${l}`}
          >
            {kioskMessages[l].kiosk.languageName}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

// ---- Scanning ----------------------------------------------------------------------------------

function useCameraMessages() {
  const t = useTranslations("kiosk.scan.camera");
  return {
    starting: t("starting"),
    hint: t("hint"),
    paused: t("paused"),
    goodRead: t("goodRead"),
    denied: t("denied"),
    noCamera: t("noCamera"),
    unavailable: t("unavailable"),
    error: t("error"),
  };
}

/** The typed-code fallback: the same onScan as the camera and the scanner. */
function CodeForm(props: {
  testId: string;
  label: string;
  submitLabel: string;
  notice: string | null;
  busy: boolean;
  onScan: OnScan;
  onTyping: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState("");
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const clean = normaliseScan(value);
    if (clean) props.onScan(clean, "manual");
  }
  return (
    <form className="kiosk-code-form" onSubmit={submit} noValidate autoComplete="off">
      <label htmlFor={id}>{props.label}</label>
      <div className="kiosk-code-row">
        <input
          id={id}
          name="code"
          type="text"
          dir="ltr"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            props.onTyping();
          }}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={512}
          aria-invalid={props.notice ? true : undefined}
          aria-describedby={props.notice ? `${id}-notice` : undefined}
          data-testid={props.testId}
        />
        <button type="submit" className="kiosk-btn" disabled={props.busy}>
          {props.submitLabel}
        </button>
      </div>
      {props.notice && (
        <p className="kiosk-error" role="alert" id={`${id}-notice`} data-testid="kiosk-code-notice">
          {props.notice}
        </p>
      )}
    </form>
  );
}

export function ScanScreen(props: {
  busy: boolean;
  notice: "unknown-code" | null;
  queueNumber: number | null;
  onScan: OnScan;
  onTyping: () => void;
  onWalkIn: () => void;
  onBack: () => void;
}) {
  const t = useTranslations("kiosk");
  return (
    <section className="kiosk-screen" data-testid="kiosk-scan-screen">
      <Heading>{t("scan.title")}</Heading>
      <QueueBanner queueNumber={props.queueNumber} />
      <p className="kiosk-lead">{t("scan.instruction")}</p>
      <ScanArea busy={props.busy} onScan={props.onScan}>
        <CodeForm
          testId="kiosk-manual-code"
          label={t("scan.manualLabel")}
          submitLabel={t("scan.submit")}
          notice={props.notice ? t("scan.unknownCode") : null}
          busy={props.busy}
          onScan={props.onScan}
          onTyping={props.onTyping}
        />
        <button
          type="button"
          className="kiosk-btn kiosk-btn-secondary"
          onClick={props.onWalkIn}
          disabled={props.busy}
          data-testid="kiosk-scan-no-code"
        >
          <Icon name="form" />
          {t("scan.noCode")}
        </button>
      </ScanArea>
      <div className="kiosk-row">
        <BackButton onBack={props.onBack} />
      </div>
    </section>
  );
}

/** The camera with its viewfinder beside the typed-code form (and whatever else the screen offers). */
function ScanArea({ busy, onScan, children }: { busy: boolean; onScan: OnScan; children: ReactNode }) {
  const camera = useCameraMessages();
  return (
    <div className="kiosk-scan-grid">
      <div className="kiosk-camera">
        <CameraScanner onScan={onScan} paused={busy} messages={camera} />
      </div>
      <div className="kiosk-scan-side">{children}</div>
    </div>
  );
}

export function LeaveScreen(props: {
  busy: boolean;
  notice: "unknown-code" | null;
  onScan: OnScan;
  onTyping: () => void;
  onBack: () => void;
}) {
  const t = useTranslations("kiosk");
  return (
    <section className="kiosk-screen" data-testid="kiosk-leave-screen">
      <Heading>{t("leave.title")}</Heading>
      <p className="kiosk-lead">{t("leave.instruction")}</p>
      <ScanArea busy={props.busy} onScan={props.onScan}>
        <CodeForm
          testId="kiosk-leave-input"
          label={t("leave.codeLabel")}
          submitLabel={t("leave.submit")}
          notice={props.notice ? t("leave.invalid") : null}
          busy={props.busy}
          onScan={props.onScan}
          onTyping={props.onTyping}
        />
      </ScanArea>
      <div className="kiosk-row">
        <BackButton onBack={props.onBack} />
      </div>
    </section>
  );
}

export function QueueNumberScreen({ onSubmit, onBack }: { onSubmit: (n: number) => void; onBack: () => void }) {
  const t = useTranslations("kiosk.queue");
  const id = useId();
  const [value, setValue] = useState("");
  const [invalid, setInvalid] = useState(false);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = parseQueueNumber(value);
    if (n) onSubmit(n);
    else setInvalid(true);
  }
  return (
    <section className="kiosk-screen kiosk-narrow" data-testid="kiosk-queue-screen">
      <Heading>{t("title")}</Heading>
      <form className="kiosk-code-form" onSubmit={submit} noValidate autoComplete="off">
        <label htmlFor={id}>{t("label")}</label>
        <div className="kiosk-code-row">
          <input
            id={id}
            name="queueNumber"
            type="text"
            inputMode="numeric"
            dir="ltr"
            className="kiosk-number-input"
            value={value}
            maxLength={6}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(false);
            }}
            autoComplete="off"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-error` : undefined}
            data-testid="kiosk-queue-input"
          />
          <button type="submit" className="kiosk-btn">
            {t("submit")}
          </button>
        </div>
        {invalid && (
          <p className="kiosk-error" role="alert" id={`${id}-error`}>
            {t("invalid")}
          </p>
        )}
      </form>
      <div className="kiosk-row">
        <BackButton onBack={onBack} />
      </div>
    </section>
  );
}

// ---- Walk-in form ------------------------------------------------------------------------------

export function WalkInScreen(props: {
  mode: "FULL" | "MINIMAL";
  busy: boolean;
  queueNumber: number | null;
  onSubmit: (fields: WalkInFull | WalkInMinimal) => void;
  onBack: () => void;
}) {
  const t = useTranslations("kiosk.walkIn");
  return (
    <section className="kiosk-screen kiosk-narrow" data-testid="kiosk-walk-in-screen" data-mode={props.mode}>
      <Heading>{t("title")}</Heading>
      <QueueBanner queueNumber={props.queueNumber} />
      <p className="kiosk-lead">{props.mode === "FULL" ? t("introFull") : t("introMinimal")}</p>
      {props.mode === "FULL" ? (
        <FullForm busy={props.busy} onSubmit={props.onSubmit} onBack={props.onBack} />
      ) : (
        <MinimalForm busy={props.busy} onSubmit={props.onSubmit} onBack={props.onBack} />
      )}
    </section>
  );
}

type Errors<D> = Partial<Record<keyof D | "dateOfBirth", WalkInError>>;

function focusFirst(ids: string[]) {
  requestAnimationFrame(() => document.getElementById(ids[0])?.focus());
}

function ErrorSummary({ show }: { show: boolean }) {
  const t = useTranslations("kiosk.walkIn");
  if (!show) return null;
  return (
    <p className="kiosk-error kiosk-error-summary" role="alert" data-testid="kiosk-form-errors">
      {t("errorSummary")}
    </p>
  );
}

function FieldError({ id, error }: { id: string; error?: WalkInError }) {
  const t = useTranslations("kiosk.walkIn.errors");
  if (!error) return null;
  return (
    <p className="kiosk-error" id={id}>
      {t(error)}
    </p>
  );
}

function TextField(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  error?: WalkInError;
  maxLength: number;
  inputMode?: "text" | "numeric";
  onChange: (value: string) => void;
}) {
  const described = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="kiosk-field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p className="kiosk-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      <FieldError id={`${props.id}-error`} error={props.error} />
      <input
        id={props.id}
        name={props.name}
        type="text"
        inputMode={props.inputMode}
        value={props.value}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
        data-testid={`kiosk-field-${props.name}`}
        className={props.inputMode === "numeric" ? "kiosk-number-input" : undefined}
      />
    </div>
  );
}

function FormButtons({ busy, submitLabel, onBack }: { busy: boolean; submitLabel: string; onBack: () => void }) {
  return (
    <div className="kiosk-row kiosk-form-buttons">
      <button type="submit" className="kiosk-btn" disabled={busy} data-testid="kiosk-walk-in-submit">
        {submitLabel}
      </button>
      <BackButton onBack={onBack} />
    </div>
  );
}

function FullForm({
  busy,
  onSubmit,
  onBack,
}: {
  busy: boolean;
  onSubmit: (f: WalkInFull) => void;
  onBack: () => void;
}) {
  const t = useTranslations("kiosk.walkIn");
  const id = useId();
  const [draft, setDraft] = useState<WalkInFullDraft>({
    firstName: "",
    lastName: "",
    day: "",
    month: "",
    year: "",
    purpose: "",
  });
  const [errors, setErrors] = useState<Errors<WalkInFullDraft>>({});
  const [tried, setTried] = useState(false);
  const set = (key: keyof WalkInFullDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({
      ...e,
      [key]: undefined,
      ...(["day", "month", "year"].includes(key) ? { dateOfBirth: undefined } : {}),
    }));
  };
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTried(true);
    const result = validateWalkInFull(draft);
    if (result.ok) {
      setErrors({});
      onSubmit(result.fields);
      return;
    }
    setErrors(result.errors);
    const order: [keyof Errors<WalkInFullDraft>, string][] = [
      ["firstName", `${id}-firstName`],
      ["lastName", `${id}-lastName`],
      ["dateOfBirth", `${id}-day`],
      ["purpose", `${id}-purpose`],
    ];
    focusFirst(order.filter(([k]) => result.errors[k]).map(([, elementId]) => elementId));
  }
  const hasErrors = Object.values(errors).some(Boolean);
  const dateDescribed = [`${id}-dob-hint`, errors.dateOfBirth ? `${id}-dob-error` : null].filter(Boolean).join(" ");
  return (
    <form className="kiosk-form" onSubmit={submit} noValidate autoComplete="off" data-testid="kiosk-walk-in-form">
      <ErrorSummary show={tried && hasErrors} />
      <div className="kiosk-form-pair">
        <TextField
          id={`${id}-firstName`}
          name="firstName"
          label={t("firstName")}
          value={draft.firstName}
          error={errors.firstName}
          maxLength={60}
          onChange={set("firstName")}
        />
        <TextField
          id={`${id}-lastName`}
          name="lastName"
          label={t("lastName")}
          value={draft.lastName}
          error={errors.lastName}
          maxLength={60}
          onChange={set("lastName")}
        />
      </div>
      <fieldset className="kiosk-fieldset" aria-describedby={dateDescribed}>
        <legend>{t("dateOfBirth")}</legend>
        <p className="kiosk-hint" id={`${id}-dob-hint`}>
          {t("dateOfBirthHint")}
        </p>
        <FieldError id={`${id}-dob-error`} error={errors.dateOfBirth} />
        <div className="kiosk-date">
          {(
            [
              ["day", 2],
              ["month", 2],
              ["year", 4],
            ] as const
          ).map(([part, max]) => (
            <div className={`kiosk-field kiosk-date-${part}`} key={part}>
              <label htmlFor={`${id}-${part}`}>{t(part)}</label>
              <input
                id={`${id}-${part}`}
                name={part}
                type="text"
                inputMode="numeric"
                className="kiosk-number-input"
                value={draft[part]}
                maxLength={max}
                onChange={(e) => set(part)(e.target.value)}
                autoComplete="off"
                aria-invalid={errors.dateOfBirth ? true : undefined}
                data-testid={`kiosk-field-${part}`}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id={`${id}-purpose`}
        name="purpose"
        label={t("purpose")}
        hint={t("purposeHint")}
        value={draft.purpose}
        error={errors.purpose}
        maxLength={200}
        onChange={set("purpose")}
      />
      <FormButtons busy={busy} submitLabel={t("submit")} onBack={onBack} />
    </form>
  );
}

const NATIONALITY_GROUPS = [
  ["NL", "nationalityNL"],
  ["EU", "nationalityEU"],
  ["NON_EU", "nationalityNonEU"],
] as const;

function MinimalForm({
  busy,
  onSubmit,
  onBack,
}: {
  busy: boolean;
  onSubmit: (f: WalkInMinimal) => void;
  onBack: () => void;
}) {
  const t = useTranslations("kiosk.walkIn");
  const id = useId();
  const [draft, setDraft] = useState<WalkInMinimalDraft>({ firstName: "", age: "", nationalityGroup: "" });
  const [errors, setErrors] = useState<Errors<WalkInMinimalDraft>>({});
  const [tried, setTried] = useState(false);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTried(true);
    const result = validateWalkInMinimal(draft);
    if (result.ok) {
      setErrors({});
      onSubmit(result.fields);
      return;
    }
    setErrors(result.errors);
    const order: [keyof WalkInMinimalDraft, string][] = [
      ["firstName", `${id}-firstName`],
      ["age", `${id}-age`],
      ["nationalityGroup", `${id}-nat-NL`],
    ];
    focusFirst(order.filter(([k]) => result.errors[k]).map(([, elementId]) => elementId));
  }
  const hasErrors = Object.values(errors).some(Boolean);
  return (
    <form className="kiosk-form" onSubmit={submit} noValidate autoComplete="off" data-testid="kiosk-walk-in-form">
      <ErrorSummary show={tried && hasErrors} />
      <div className="kiosk-form-pair">
        <TextField
          id={`${id}-firstName`}
          name="firstName"
          label={t("firstName")}
          value={draft.firstName}
          error={errors.firstName}
          maxLength={60}
          onChange={(v) => {
            setDraft((d) => ({ ...d, firstName: v }));
            setErrors((e) => ({ ...e, firstName: undefined }));
          }}
        />
        <TextField
          id={`${id}-age`}
          name="age"
          label={t("age")}
          value={draft.age}
          error={errors.age}
          maxLength={3}
          inputMode="numeric"
          onChange={(v) => {
            setDraft((d) => ({ ...d, age: v }));
            setErrors((e) => ({ ...e, age: undefined }));
          }}
        />
      </div>
      <fieldset
        className="kiosk-fieldset"
        aria-describedby={errors.nationalityGroup ? `${id}-nat-error` : undefined}
        data-testid="kiosk-field-nationalityGroup"
      >
        <legend>{t("nationality")}</legend>
        <FieldError id={`${id}-nat-error`} error={errors.nationalityGroup} />
        <div className="kiosk-choices">
          {NATIONALITY_GROUPS.map(([value, label]) => (
            <label className="kiosk-choice" key={value} htmlFor={`${id}-nat-${value}`}>
              <input
                type="radio"
                id={`${id}-nat-${value}`}
                name="nationalityGroup"
                value={value}
                checked={draft.nationalityGroup === value}
                onChange={() => {
                  setDraft((d) => ({ ...d, nationalityGroup: value }));
                  setErrors((e) => ({ ...e, nationalityGroup: undefined }));
                }}
                data-testid={`kiosk-nationality-${value}`}
              />
              <span>{t(label)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormButtons busy={busy} submitLabel={t("submit")} onBack={onBack} />
    </form>
  );
}

// ---- House rules -------------------------------------------------------------------------------

export function RulesScreen({
  outcome,
  language,
  busy,
  onDecision,
}: {
  outcome: Extract<KioskOutcome, { step: "rules" }>;
  language: KioskLanguage;
  busy: boolean;
  onDecision: (decision: "accept" | "decline") => void;
}) {
  const t = useTranslations("kiosk.rules");
  const { rules, firstName } = outcome;
  const rulesDir = directionOf(rules.language);
  return (
    <section
      className="kiosk-screen kiosk-rules"
      data-testid="kiosk-rules"
      data-version={rules.version}
      data-rules-language={rules.language}
    >
      <p className="kiosk-lead">{firstName ? t("introName", { firstName }) : t("intro")}</p>
      {rules.language !== language && (
        <p className="kiosk-note" data-testid="kiosk-rules-other-language">
          {t("otherLanguage")}
        </p>
      )}
      <div className="kiosk-rules-text" lang={rules.language} dir={rulesDir}>
        <Heading>{rules.title}</Heading>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
        <section className="kiosk-rules-body" aria-label={t("region")} tabIndex={0}>
          {rules.body}
        </section>
      </div>
      <p className="kiosk-question">{t("question")}</p>
      <div className="kiosk-decision">
        <button
          type="button"
          className="kiosk-btn kiosk-btn-accept"
          disabled={busy}
          onClick={() => onDecision("accept")}
          data-testid="kiosk-accept"
        >
          <Icon name="ok" />
          {t("accept")}
        </button>
        <button
          type="button"
          className="kiosk-btn kiosk-btn-secondary"
          disabled={busy}
          onClick={() => onDecision("decline")}
          data-testid="kiosk-decline"
        >
          {t("decline")}
        </button>
      </div>
    </section>
  );
}

// ---- Outcomes ----------------------------------------------------------------------------------

type Shown = Exclude<KioskOutcome, { step: "rules" | "walk-in-form" | "evacuation" }>;

export function OutcomeScreen({ outcome, onDone }: { outcome: KioskOutcome; onDone: () => void }) {
  const t = useTranslations("kiosk");
  if (outcome.step === "rules" || outcome.step === "walk-in-form" || outcome.step === "evacuation") return null;
  const o: Shown = outcome;
  const reason = o.step === "see-desk" || o.step === "document-refused" ? o.reason : undefined;
  const tone =
    o.step === "checked-in" || o.step === "checked-out" || o.step === "staff-presence"
      ? "ok"
      : o.step === "queued"
        ? "info"
        : "desk";
  const icon: IconName =
    o.step === "checked-in" || (o.step === "staff-presence" && o.status === "signed-in")
      ? "ok"
      : o.step === "checked-out" || o.step === "staff-presence"
        ? "bye"
        : o.step === "queued"
          ? "ticket"
          : o.step === "please-wait"
            ? "wait"
            : o.step === "document-refused"
              ? "alert"
              : "desk";
  return (
    <section
      className={`kiosk-screen kiosk-outcome kiosk-tone-${tone}`}
      data-testid={`kiosk-outcome-${o.step}`}
      data-reason={reason}
      data-status={o.step === "staff-presence" ? o.status : undefined}
    >
      <Icon name={icon} className="kiosk-outcome-icon" />
      <OutcomeBody outcome={o} />
      <p className="kiosk-closing">{t("closing")}</p>
      <button type="button" className="kiosk-btn" onClick={onDone} data-testid="kiosk-done">
        {t("done")}
      </button>
    </section>
  );
}

/**
 * "Would you need help to leave the building in an emergency?" (issue 6): one tap sets the
 * visitor's flag, authorised by the leave code of the check-in just made; only marshals see it.
 */
function NeedsHelpButton({ leaveCode }: { leaveCode: string }) {
  const t = useTranslations("kiosk.outcome.checkedIn");
  const [state, setState] = useState<"idle" | "busy" | "done" | "error">("idle");
  const declare = async () => {
    setState("busy");
    try {
      const res = await fetch("/api/kiosk/needs-help", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ leaveCode, needsHelp: true }),
      });
      setState(res.ok ? "done" : "error");
    } catch {
      setState("error");
    }
  };
  if (state === "done") {
    return (
      <p className="kiosk-lead" role="status" data-testid="kiosk-needs-help-done">
        {t("needsHelpDone")}
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className="kiosk-btn kiosk-btn-secondary"
        onClick={declare}
        disabled={state === "busy"}
        data-testid="kiosk-needs-help"
      >
        {t("needsHelp")}
      </button>
      {state === "error" && (
        <p className="kiosk-lead" role="alert">
          {t("needsHelpError")}
        </p>
      )}
    </>
  );
}

function OutcomeBody({ outcome }: { outcome: Shown }) {
  const t = useTranslations("kiosk.outcome");
  switch (outcome.step) {
    case "checked-in":
      return (
        <>
          <Heading>
            {outcome.firstName ? t("checkedIn.title", { firstName: outcome.firstName }) : t("checkedIn.titleNoName")}
          </Heading>
          <p className="kiosk-lead">{t("checkedIn.seat")}</p>
          <p className="kiosk-lead">{t("checkedIn.wait", { minutes: outcome.waitAlertMinutes })}</p>
          {outcome.leaveCode && (
            <div className="kiosk-leave-code-box">
              <p>{t("checkedIn.leaveCode")}</p>
              <p className="kiosk-leave-code" dir="ltr" data-testid="kiosk-leave-code">
                {outcome.leaveCode}
              </p>
              <p>{t("checkedIn.leaveCodeHint")}</p>
            </div>
          )}
          {outcome.leaveCode && <NeedsHelpButton leaveCode={outcome.leaveCode} />}
        </>
      );
    case "see-desk":
      // No detail on why: unknown, used, expired or forged codes all get the same kind answer.
      if (outcome.reason === "slow-down") {
        return (
          <>
            <Heading>{t("slowDown.title")}</Heading>
            <p className="kiosk-lead">{t("slowDown.body")}</p>
          </>
        );
      }
      return outcome.reason === "declined" ? (
        <>
          <Heading>{t("declined.title")}</Heading>
          <p className="kiosk-lead">{t("declined.body")}</p>
        </>
      ) : (
        <>
          <Heading>{t("seeDesk.title")}</Heading>
          <p className="kiosk-lead">{t("seeDesk.body")}</p>
        </>
      );
    case "document-refused":
      return (
        <>
          <Heading>{t("documentRefused.title")}</Heading>
          <p className="kiosk-lead">{t(`documentRefused.${outcome.reason}`)}</p>
          <p className="kiosk-lead">{t("documentRefused.askDesk")}</p>
        </>
      );
    case "please-wait":
      // Also the answer after a silent ban alert: never say more than this.
      return (
        <>
          <Heading>{t("pleaseWait.title")}</Heading>
          <p className="kiosk-lead">{t("pleaseWait.body")}</p>
        </>
      );
    case "queued":
      return (
        <>
          <Heading>{t("queued.title", { number: String(outcome.number) })}</Heading>
          <p className="kiosk-queue-number" dir="ltr" data-testid="kiosk-queued-number">
            {outcome.number}
          </p>
          <p className="kiosk-lead">{t("queued.ahead", { ahead: outcome.ahead })}</p>
          <p className="kiosk-lead">{t("queued.body")}</p>
        </>
      );
    case "checked-out":
      return (
        <>
          <Heading>
            {outcome.firstName ? t("checkedOut.title", { firstName: outcome.firstName }) : t("checkedOut.titleNoName")}
          </Heading>
          <p className="kiosk-lead">{t("checkedOut.body")}</p>
        </>
      );
    case "staff-presence":
      // A staff member's badge: greet them and say what happened, nothing more.
      return (
        <>
          <Heading>
            {t(`staffPresence.${outcome.greeting}`, { firstName: outcome.firstName })} —{" "}
            {t(outcome.status === "signed-in" ? "staffPresence.signedIn" : "staffPresence.signedOut")}
          </Heading>
          <p className="kiosk-lead">
            {t(outcome.status === "signed-in" ? "staffPresence.signedInBody" : "staffPresence.signedOutBody")}
          </p>
        </>
      );
  }
}

export function UnreachableScreen(props: {
  busy: boolean;
  retrying: boolean;
  onRetry: () => void;
  onHome: () => void;
}) {
  const t = useTranslations("kiosk");
  return (
    <section className="kiosk-screen kiosk-outcome kiosk-tone-desk" data-testid="kiosk-unreachable">
      <Icon name="desk" className="kiosk-outcome-icon" />
      <Heading>{t("outcome.unreachable.title")}</Heading>
      <p className="kiosk-lead">{t("outcome.unreachable.body")}</p>
      {(props.busy || props.retrying) && (
        <p className="kiosk-note" role="status">
          {t("outcome.unreachable.retrying")}
        </p>
      )}
      <div className="kiosk-row kiosk-center">
        <button
          type="button"
          className="kiosk-btn"
          onClick={props.onRetry}
          disabled={props.busy}
          data-testid="kiosk-retry"
        >
          {t("outcome.unreachable.retry")}
        </button>
        <button type="button" className="kiosk-btn kiosk-btn-secondary" onClick={props.onHome} data-testid="kiosk-home">
          {t("home")}
        </button>
      </div>
    </section>
  );
}

/** Evacuation: a full red screen in every kiosk language at once. */
export function EvacuationScreen({ onLeave }: { onLeave?: () => void } = {}) {
  return (
    <div className="kiosk-evacuation" role="alert" data-testid="kiosk-outcome-evacuation">
      <Icon name="exit" className="kiosk-evacuation-icon" />
      {LANGUAGE_ORDER.map((l, i) => {
        const m = kioskMessages[l].kiosk.evacuation;
        return (
          <div key={l} className="kiosk-evacuation-block" lang={l} dir={LANGUAGE_DIR[l]}>
            {i === 0 ? <h1>{m.title}</h1> : <h2>{m.title}</h2>}
            <p>{m.body}</p>
          </div>
        );
      })}
      {onLeave && (
        <button
          type="button"
          className="kiosk-btn kiosk-btn-light"
          onClick={onLeave}
          data-testid="kiosk-evacuation-leave"
        >
          {LANGUAGE_ORDER.map((l) => kioskMessages[l].kiosk.idle.leave).join(" · ")}
        </button>
      )}
    </div>
  );
}
