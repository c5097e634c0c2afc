import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { renderRouted } from "../testing/render-routed.tsx";
import { useTextParam } from "./text-param.ts";

function SearchBox() {
  const [text, setText] = useTextParam("q", 50);
  return (
    <input
      aria-label="Search"
      value={text()}
      onInput={(event) => setText(event.currentTarget.value)}
    />
  );
}

describe("useTextParam", () => {
  it("puts the text in the URL once typing pauses, and follows the URL back", async () => {
    const { history } = renderRouted(() => <SearchBox />, "/?q=jazz&tag=music", "/");
    const box = screen.getByRole<HTMLInputElement>("textbox", { name: "Search" });
    expect(box).toHaveValue("jazz");

    fireEvent.input(box, { target: { value: "r" } });
    fireEvent.input(box, { target: { value: "rust " } });
    expect(history.get()).toBe("/?q=jazz&tag=music");
    await waitFor(() => expect(history.get()).toBe("/?q=rust&tag=music"));

    history.set({ value: "/?tag=music" });
    await waitFor(() => expect(box).toHaveValue(""));
  });
});
