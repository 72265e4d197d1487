// The check-in desk's camera: progressive enhancement over the typed field. Only where the
// browser has BarcodeDetector (Chromium on Android, ChromeOS, macOS) does the button appear; a
// QR code it reads is put into the desk's field and the form is submitted, exactly as a USB
// scanner that types the token would (docs/decisions/0027-event-check-in.md).
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// not in TypeScript's DOM library yet
type Detector = { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

function detectorClass(): DetectorClass | null {
  if (typeof window === "undefined" || !navigator.mediaDevices?.getUserMedia) return null;
  return (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector ?? null;
}

export function QrScanner({ inputId }: { inputId: string }) {
  const { t } = useTranslation("events");
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);

  useEffect(() => setSupported(detectorClass() !== null), []);

  useEffect(() => {
    const Barcode = detectorClass();
    if (!scanning || !Barcode) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const detector = new Barcode({ formats: ["qr_code"] });
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const [code] = await detector.detect(video.current);
        if (code?.rawValue) {
          const input = document.getElementById(inputId) as HTMLInputElement | null;
          if (input) {
            input.value = code.rawValue;
            setScanning(false);
            input.form?.requestSubmit();
            return;
          }
        }
      } catch {
        // a frame that is not ready yet: try the next one
      }
      timer = window.setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return stop();
        video.current.srcObject = s;
        await video.current.play();
        void tick();
      })
      .catch(() => {
        setFailed(true);
        setScanning(false);
      });
    return stop;
  }, [scanning, inputId]);

  if (!supported) return null;
  return (
    <div className="space-y-2">
      <button type="button" className="btn-secondary" onClick={() => setScanning((s) => !s)} aria-pressed={scanning}>
        {scanning ? t("desk.scanStop") : t("desk.scan")}
      </button>
      {scanning ? (
        <div>
          <video ref={video} className="w-full max-w-xs rounded-md bg-black" muted playsInline />
          <p className="text-sm text-slate-700">{t("desk.scanHelp")}</p>
        </div>
      ) : null}
      {failed ? (
        <p className="text-sm text-amber-900" role="status">
          {t("desk.scanFailed")}
        </p>
      ) : null}
    </div>
  );
}
