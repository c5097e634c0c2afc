import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from "@tanstack/solid-query";
import { signInHref } from "../auth/session.ts";
import { api } from "../lib/api.ts";
import { useDebounced } from "../lib/debounce.ts";
import { errorMessage } from "../lib/errors.ts";
import { plural } from "../lib/format.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { pageItems } from "../lib/pages.ts";
import { createDoor, type Admitted, type DoorResult } from "../checkin/door.ts";
import { signal } from "../checkin/feedback.ts";
import { keepDoorOffline } from "../checkin/offline-shell.ts";
import {
  preloadDecoder,
  startCameraScanner,
  type CameraScanner,
} from "../checkin/camera-scanner.ts";
import { ErrorState, QueryView } from "../components/query-states.tsx";
import { ShowMore } from "../components/show-more.tsx";
import { DoorStaff } from "./door-staff.tsx";

const timeOf = (ms: number) =>
  new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(ms);

/**
 * The door: scan QR codes with the camera (or type a reference or code), see green or red
 * with the holder's name and seat, look people up, and watch the count move as every door
 * lets people in. Keeps working offline (see checkin/door.ts).
 */
export default function CheckInPage() {
  const params = useParams<{ id: string }>();
  const eventId = Number(params.id);
  const queryClient = useQueryClient();
  const event = useQuery(() => api.events.byId.queryOptions({ id: eventId }));
  const stats = useQuery(() => api.checkin.stats.queryOptions({ eventId }));
  usePageTitle(() => (event.data ? `Check-in: ${event.data.title}` : "Check-in"));

  const setCounts = (counts: Admitted["counts"]) => {
    const key = api.checkin.stats.queryKey({ eventId });
    const current = queryClient.getQueryData(key);
    if (current) queryClient.setQueryData(key, { ...current, ...counts });
    void queryClient.invalidateQueries({ queryKey: api.checkin.list.pathKey() });
  };
  const door = createDoor(eventId, setCounts);
  /** The server said no (not signed in, not this event's door, no such event); offline is not a no. */
  const refused = () => (stats.isError && stats.error.data ? stats.error : null);
  const [result, setResult] = createSignal<DoorResult | null>(null);
  const [busy, setBusy] = createSignal(false);

  const handle = async (text: string) => {
    if (busy()) return;
    setBusy(true);
    try {
      const outcome = await door.scan(text);
      setResult(outcome);
      signal(outcome.kind === "stop" ? "stop" : "ok");
    } finally {
      setBusy(false);
    }
  };

  const [decoderReady, setDecoderReady] = createSignal(false);
  const [keptOffline, setKeptOffline] = createSignal(false);
  onMount(() => void keepDoorOffline(preloadDecoder().then(setDecoderReady)).then(setKeptOffline));

  return (
    <section
      class="check-in"
      aria-labelledby="check-in-heading"
      data-decoder={decoderReady() ? "ready" : "loading"}
      data-offline={keptOffline() ? "ready" : "not-yet"}
    >
      <div class="page-header">
        <p class="muted">
          <A href={`/events/${eventId}`}>{event.data?.title ?? "Event"}</A>
        </p>
        <h1 id="check-in-heading">Check-in</h1>
        <div class="door-status">
          <p class="door-count" data-testid="checked-in" aria-live="polite">
            <Show when={stats.data} fallback={<span>… checked in</span>}>
              {(counts) => (
                <>
                  <strong>{counts().checkedIn.toLocaleString()}</strong> /{" "}
                  {counts().total.toLocaleString()} checked in
                </>
              )}
            </Show>
          </p>
          <p
            class={`door-connection ${door.online() ? "is-online" : "is-offline"}`}
            data-testid="door-connection"
            role="status"
          >
            {door.online()
              ? door.syncing()
                ? "Online · syncing…"
                : "Online"
              : "Offline: tickets are checked on this device"}
            <Show when={keptOffline()}>
              {" "}
              · <span data-testid="offline-ready">reopens without a connection</span>
            </Show>
            <Show when={door.queue().length > 0}>
              {" "}
              ·{" "}
              <span data-testid="queued">
                {plural(door.queue().length, "check-in")} waiting to sync
              </span>
            </Show>
          </p>
        </div>
      </div>
      <Show when={refused()}>
        {(error) => (
          <>
            <ErrorState error={error()} title="This door cannot be opened here." />
            <Show when={error().data?.code === "UNAUTHORIZED"}>
              <A href={signInHref(`/events/${eventId}/check-in`)} class="button button-primary">
                Sign in
              </A>
            </Show>
          </>
        )}
      </Show>
      <Show when={!refused()}>
        <DoorResultPanel result={result()} />

        <div class="door-grid">
          <Camera onCode={(text) => void handle(text)} />
          <ManualEntry busy={busy()} onSubmit={(text) => handle(text)} />
        </div>

        <Show when={door.conflicts().length > 0}>
          <section class="door-conflicts notice notice-error" aria-labelledby="conflicts-heading">
            <h2 id="conflicts-heading">Conflicts found when syncing</h2>
            <p>
              These tickets were let in here while offline, but another door had let them in first.
              The first scan to reach the server counts.
            </p>
            <ul data-testid="conflicts">
              <For each={door.conflicts()}>
                {(conflict) => (
                  <li>
                    Seat {conflict.seat}, ticket #{conflict.ticketId}, let in here at{" "}
                    {timeOf(conflict.scannedAt)}: {conflict.message}
                  </li>
                )}
              </For>
            </ul>
            <button type="button" class="button button-small" onClick={() => door.clearConflicts()}>
              Clear the list
            </button>
          </section>
        </Show>

        <Attendees eventId={eventId} door={door} onResult={setResult} />
        <DoorStaff eventId={eventId} />
      </Show>
    </section>
  );
}

function DoorResultPanel(props: { result: DoorResult | null }) {
  return (
    <div
      class="door-result"
      data-testid="door-result"
      data-kind={props.result?.kind ?? "idle"}
      role="status"
      aria-live="assertive"
    >
      <Show when={props.result} keyed fallback={<p class="door-result-title">Ready to scan</p>}>
        {(current) => {
          if (current.kind === "in") {
            const { admitted } = current;
            return (
              <>
                <p class="door-result-title">✓ Let in</p>
                <p class="door-result-name">{admitted.holder?.name}</p>
                <p class="door-result-detail">
                  Seat {admitted.ticket.seat} of {admitted.booking?.seats} ·{" "}
                  {admitted.booking?.reference}
                  <Show when={admitted.stillToCome > 0}>
                    {" "}
                    · {plural(admitted.stillToCome, "more ticket")} to come
                  </Show>
                </p>
              </>
            );
          }
          if (current.kind === "in-offline") {
            return (
              <>
                <p class="door-result-title">✓ Let in (offline)</p>
                <p class="door-result-name">Seat {current.seat}</p>
                <p class="door-result-detail">
                  Valid ticket #{current.ticketId}, checked on this device; the name shows after
                  sync.
                </p>
              </>
            );
          }
          return (
            <>
              <p class="door-result-title">✕ {current.title}</p>
              <Show when={current.holderName}>
                <p class="door-result-name">
                  {current.holderName}
                  <Show when={current.seat}> · seat {current.seat}</Show>
                </p>
              </Show>
              <p class="door-result-detail">{current.message}</p>
            </>
          );
        }}
      </Show>
    </div>
  );
}

function Camera(props: { onCode: (text: string) => void }) {
  let video: HTMLVideoElement | undefined;
  const [scanner, setScanner] = createSignal<CameraScanner | null>(null);
  const [starting, setStarting] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const start = async () => {
    if (!video || starting()) return;
    setStarting(true);
    setProblem(null);
    try {
      setScanner(await startCameraScanner(video, props.onCode));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };
  const stop = () => {
    scanner()?.stop();
    setScanner(null);
  };
  onCleanup(stop);
  return (
    <section class="door-camera" aria-labelledby="camera-heading">
      <h2 id="camera-heading">Camera</h2>
      <video
        ref={video}
        class="door-video"
        classList={{ "is-on": scanner() !== null }}
        aria-label="Camera view"
      />
      <Show
        when={scanner()}
        fallback={
          <button
            type="button"
            class="button button-primary"
            disabled={starting()}
            onClick={() => void start()}
          >
            {starting() ? "Starting camera…" : "Start camera"}
          </button>
        }
      >
        <button type="button" class="button" onClick={stop}>
          Stop camera
        </button>
      </Show>
      <Show when={problem()}>
        {(text) => (
          <p class="notice notice-error" role="alert">
            {text()}
          </p>
        )}
      </Show>
    </section>
  );
}

function ManualEntry(props: { busy: boolean; onSubmit: (text: string) => Promise<void> }) {
  const [text, setText] = createSignal("");
  return (
    <section class="door-manual" aria-labelledby="manual-heading">
      <h2 id="manual-heading">Type it in</h2>
      <form
        class="door-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!text().trim()) return;
          void props.onSubmit(text()).then(() => setText(""));
        }}
      >
        <div class="field">
          <label for="door-code">Booking reference or ticket code</label>
          <input
            id="door-code"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            placeholder="BX-7K3QPM"
            value={text()}
            onInput={(event) => setText(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="button button-primary" disabled={props.busy}>
          Check in
        </button>
      </form>
    </section>
  );
}

function Attendees(props: {
  eventId: number;
  door: ReturnType<typeof createDoor>;
  onResult: (result: DoorResult) => void;
}) {
  const [search, setSearch] = createSignal("");
  const debounced = useDebounced(search, 250);
  const [problem, setProblem] = createSignal<unknown>(null);
  const attendees = useInfiniteQuery(() => ({
    ...api.checkin.list.infiniteQueryOptions({
      eventId: props.eventId,
      search: debounced() || undefined,
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  }));
  const items = () => pageItems(attendees.data);
  const act = async (run: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await run();
      await attendees.refetch();
    } catch (error) {
      setProblem(error);
    }
  };
  return (
    <section class="door-attendees" aria-labelledby="attendees-heading">
      <h2 id="attendees-heading">Attendees</h2>
      <div class="field">
        <label for="attendee-search">Search by name, email or reference</label>
        <input
          id="attendee-search"
          type="search"
          value={search()}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </div>
      <Show when={problem()}>{(error) => <ErrorState error={error()} title="Not done." />}</Show>
      <QueryView query={attendees} errorTitle="The attendees could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<p class="muted">Nobody found.</p>}>
            <ul class="attendee-list" aria-label="Attendees">
              <For each={items()}>
                {(attendee) => (
                  <li
                    class="attendee"
                    data-testid="attendee"
                    data-in={attendee.checkedInAt !== null}
                  >
                    <div>
                      <strong>{attendee.name}</strong>{" "}
                      <span class="muted small">{attendee.email}</span>
                      <p class="muted small">
                        {attendee.reference} · seat {attendee.seat} of {attendee.seats}
                        <Show when={attendee.checkedInAt}>
                          {(at) => <> · in at {timeOf(at())}</>}
                        </Show>
                      </p>
                    </div>
                    <Show
                      when={attendee.checkedInAt === null}
                      fallback={
                        <button
                          type="button"
                          class="button button-small"
                          onClick={() => void act(() => props.door.undo(attendee.id))}
                        >
                          Undo
                          <span class="visually-hidden">
                            {" "}
                            check-in of {attendee.name}, seat {attendee.seat}
                          </span>
                        </button>
                      }
                    >
                      <button
                        type="button"
                        class="button button-small button-primary"
                        onClick={() =>
                          void act(async () => {
                            const outcome = await props.door.scan(attendee.code);
                            props.onResult(outcome);
                            signal(outcome.kind === "stop" ? "stop" : "ok");
                          })
                        }
                      >
                        Check in
                        <span class="visually-hidden">
                          {" "}
                          {attendee.name}, seat {attendee.seat}
                        </span>
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <ShowMore query={attendees} />
          </Show>
        )}
      </QueryView>
    </section>
  );
}
