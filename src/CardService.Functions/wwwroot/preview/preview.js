// Enhancements only: without this file the page shows and does everything through plain forms.
(() => {
    "use strict";
    const swapped = ["summary", "mockups", "findings", "card", "tags"];

    function showCopyButton() {
        const button = document.getElementById("copy-tags");
        if (button) {
            button.hidden = false;
        }
    }

    // Copy the suggested tags; a click delegated from the document survives the what-if swap of the card section.
    document.addEventListener("click", async (event) => {
        if (!(event.target instanceof Element) || !event.target.closest("#copy-tags")) {
            return;
        }

        const text = document.getElementById("card-tags").textContent;
        const status = document.getElementById("copy-status");
        try {
            await navigator.clipboard.writeText(text);
            status.textContent = "Copied.";
        } catch {
            const range = document.createRange();
            range.selectNodeContents(document.getElementById("card-tags"));
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
        }
    });

    // The what-if editor: post the edits as the no-script form would, then swap in the sections of the page that comes back.
    function enhanceEditor(form) {
        const status = document.getElementById("what-if-status");
        let timer = 0;
        let latest = 0;

        async function update() {
            const mine = ++latest;
            status.textContent = "Updating the previews…";
            let response;
            try {
                response = await fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) });
            } catch {
                status.textContent = "Could not reach CardService; the previews were not updated.";
                return;
            }

            const page = new DOMParser().parseFromString(await response.text(), "text/html");
            if (mine !== latest) {
                return;
            }

            if (!response.ok) {
                const error = page.querySelector(".error");
                status.textContent = error ? error.textContent.trim().replace(/\s+/g, " ") : "The edit could not be judged.";
                return;
            }

            for (const id of swapped) {
                const fresh = page.getElementById(id);
                const current = document.getElementById(id);
                if (fresh && current) {
                    current.replaceWith(document.adoptNode(fresh));
                }
            }

            showCopyButton();
            status.textContent = "Previews, suggested card and findings updated.";
        }

        form.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(update, 400);
        });
        form.addEventListener("submit", (event) => {
            event.preventDefault();
            clearTimeout(timer);
            update();
        });
    }

    showCopyButton();
    const editor = document.getElementById("what-if");
    if (editor) {
        enhanceEditor(editor);
    }
})();
