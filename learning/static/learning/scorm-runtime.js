// The SCORM runtime of a lesson's e-learning package (learning.views.package_runtime).
// SCORM 1.2: window.API with LMSInitialize, LMSGetValue, LMSSetValue, LMSCommit, LMSFinish,
// LMSGetLastError, LMSGetErrorString, LMSGetDiagnostic. SCORM 2004: window.API_1484_11 with
// Initialize, GetValue, SetValue, Commit, Terminate, GetLastError, GetErrorString, GetDiagnostic.
// The package (in a same-origin frame) finds them on window.parent. Values are kept here and
// sent on Commit and on LMSFinish/Terminate as {"values": {...}} (only those that changed).
(function () {
  "use strict";
  const player = document.getElementById("package-player");
  if (!player) return;
  const statusLine = player.querySelector(".package-status");
  const values = JSON.parse(document.getElementById("package-state").textContent || "{}");
  let changed = {};

  const SCORM12 = {
    readOnly: /^cmi\.core\.(student_id|student_name|credit|entry|total_time|lesson_mode|_children)$|^cmi\.launch_data$|\._children$|\._count$/,
    writeOnly: /^cmi\.core\.(exit|session_time)$/,
    vocab: {
      "cmi.core.lesson_status": ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"],
      "cmi.core.exit": ["time-out", "suspend", "logout", ""],
    },
    numbers: /^cmi\.core\.score\.(raw|min|max)$/,
    known: /^cmi\.(core\.|suspend_data$|launch_data$|comments$|objectives\.|student_data\.|student_preference\.|interactions\.)/,
    errors: { 0: "No error", 101: "General exception", 201: "Invalid argument error", 301: "Not initialized",
      401: "Not implemented error", 403: "Element is read only", 404: "Element is write only", 405: "Incorrect data type" },
  };
  const SCORM2004 = {
    readOnly: /^cmi\.(_version|learner_id|learner_name|credit|entry|mode|total_time|launch_data|completion_threshold|scaled_passing_score|time_limit_action|max_time_allowed)$|\._children$|\._count$/,
    writeOnly: /^cmi\.(exit|session_time)$/,
    vocab: {
      "cmi.completion_status": ["completed", "incomplete", "not attempted", "unknown"],
      "cmi.success_status": ["passed", "failed", "unknown"],
      "cmi.exit": ["time-out", "suspend", "logout", "normal", ""],
    },
    numbers: /^cmi\.score\.(scaled|raw|min|max)$|^cmi\.progress_measure$/,
    known: /^cmi\./,
    errors: { 0: "No error", 101: "General exception", 103: "Already initialized", 104: "Content instance terminated",
      112: "Termination before initialization", 113: "Termination after termination", 122: "Retrieve data before initialization",
      123: "Retrieve data after termination", 132: "Store data before initialization", 133: "Store data after termination",
      142: "Commit before initialization", 143: "Commit after termination", 201: "General argument error",
      401: "Undefined data model element", 403: "Data model element value not initialized",
      404: "Data model element is read only", 405: "Data model element is write only", 406: "Data model element type mismatch",
      407: "Data model element value out of range" },
  };

  // One request at a time, in order: a Commit followed at once by a Finish must not race.
  let queue = Promise.resolve();
  function send(final) {
    if (!Object.keys(changed).length) return queue;
    const body = JSON.stringify({ values: changed });
    changed = {};
    queue = queue.then(function () { return post(body, final); });
    return queue;
  }

  function post(body, final) {
    return fetch(player.dataset.runtimeUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: final,
      headers: { "Content-Type": "application/json", "X-CSRFToken": player.dataset.csrf },
      body: body,
    })
      .then(function (response) { return response.json().then(function (data) { return [response.ok, data]; }); })
      .then(function (result) {
        const ok = result[0], data = result[1];
        if (!ok) { statusLine.textContent = data.detail || player.dataset.failed; return; }
        statusLine.textContent = player.dataset.saved;
        if (data.completed) document.body.dataset.packageCompleted = "true";
        player.dispatchEvent(new CustomEvent("package:saved", { detail: data }));
      })
      .catch(function () { statusLine.textContent = player.dataset.failed; });
  }

  // One runtime for both versions: the state machine and the data model checks are the same,
  // the element names, vocabularies and error codes differ.
  function runtime(spec, v2004) {
    let state = "new"; // new → running → done
    let lastError = 0;
    function fail(code) { lastError = code; return "false"; }
    function ok(result) { lastError = 0; return result; }
    return {
      initialize: function (arg) {
        if (arg !== "" && arg !== undefined) return fail(201);
        if (state === "running") return fail(v2004 ? 103 : 101);
        if (state === "done") return fail(v2004 ? 104 : 101);
        state = "running";
        return ok("true");
      },
      terminate: function (arg) {
        if (arg !== "" && arg !== undefined) return fail(201);
        if (state === "new") return fail(v2004 ? 112 : 301);
        if (state === "done") return fail(v2004 ? 113 : 101);
        state = "done";
        send(true);
        return ok("true");
      },
      getValue: function (element) {
        if (state !== "running") return fail(state === "new" ? (v2004 ? 122 : 301) : (v2004 ? 123 : 101)), "";
        element = String(element || "");
        if (spec.writeOnly.test(element)) return fail(v2004 ? 405 : 404), "";
        if (!spec.known.test(element)) return fail(401), "";
        if (!(element in values)) {
          if (v2004) { fail(403); return ""; }
          return ok("");
        }
        return ok(values[element]);
      },
      setValue: function (element, value) {
        if (state !== "running") return fail(state === "new" ? (v2004 ? 132 : 301) : (v2004 ? 133 : 101));
        element = String(element || "");
        value = String(value);
        if (!spec.known.test(element)) return fail(401);
        if (spec.readOnly.test(element)) return fail(v2004 ? 404 : 403);
        if (spec.vocab[element] && spec.vocab[element].indexOf(value) === -1) return fail(v2004 ? 406 : 405);
        if (spec.numbers.test(element) && (value === "" || isNaN(Number(value)))) return fail(v2004 ? 406 : 405);
        if (element === "cmi.score.scaled" && (Number(value) < -1 || Number(value) > 1)) return fail(407);
        values[element] = value;
        changed[element] = value;
        return ok("true");
      },
      commit: function (arg) {
        if (arg !== "" && arg !== undefined) return fail(201);
        if (state !== "running") return fail(state === "new" ? (v2004 ? 142 : 301) : (v2004 ? 143 : 101));
        send(false);
        return ok("true");
      },
      lastError: function () { return String(lastError); },
      errorString: function (code) { return spec.errors[Number(code)] || ""; },
      diagnostic: function (code) { return spec.errors[Number(code === "" || code === undefined ? lastError : code)] || ""; },
    };
  }

  if (player.dataset.standard === "scorm12") {
    const r = runtime(SCORM12, false);
    window.API = {
      LMSInitialize: r.initialize, LMSFinish: r.terminate, LMSGetValue: r.getValue, LMSSetValue: r.setValue,
      LMSCommit: r.commit, LMSGetLastError: r.lastError, LMSGetErrorString: r.errorString, LMSGetDiagnostic: r.diagnostic,
    };
  } else if (player.dataset.standard === "scorm2004") {
    const r = runtime(SCORM2004, true);
    window.API_1484_11 = {
      Initialize: r.initialize, Terminate: r.terminate, GetValue: r.getValue, SetValue: r.setValue,
      Commit: r.commit, GetLastError: r.lastError, GetErrorString: r.errorString, GetDiagnostic: r.diagnostic,
    };
  }
  // The package starts only once its API exists: authoring tools look for it as they load.
  const frame = player.querySelector("iframe[data-src]");
  if (frame) frame.src = frame.dataset.src;
  // A package closed without LMSFinish/Terminate still leaves its last values.
  window.addEventListener("pagehide", function () { send(true); });
})();
