// DXP Ngā Kete: the little the pages do in the browser beyond htmx. Everything works without
// it; with it, a file upload shows its progress.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-upload-progress]")) {
    form.addEventListener("submit", (event) => {
      const bar = document.getElementById(form.dataset.uploadProgress);
      if (!bar || !window.XMLHttpRequest) return;
      event.preventDefault();
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      // Answered with the address of the page to show next, not a redirect.
      request.setRequestHeader("DXP-Upload", "progress");
      request.upload.addEventListener("progress", (progress) => {
        if (progress.lengthComputable) {
          bar.hidden = false;
          bar.value = Math.round((progress.loaded / progress.total) * 100);
          bar.textContent = bar.value + "%";
        }
      });
      request.addEventListener("load", () => {
        if (request.status === 200 && request.responseText.startsWith("/")) {
          // Stored: show the page the server names.
          window.location.assign(request.responseText);
        } else {
          // Refused: show the refusal page the server wrote.
          document.open();
          document.write(request.responseText);
          document.close();
        }
      });
      request.addEventListener("error", () => {
        form.submit();
      });
      for (const button of form.querySelectorAll("button")) button.disabled = true;
      request.send(new FormData(form));
    });
  }
});
