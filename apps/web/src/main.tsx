import { render } from "solid-js/web";
import { App } from "./app.tsx";
import "./styles/index.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
root.textContent = "";
render(() => <App />, root);
