/* A minimal H5P content type: one question, a few answers, a Check button. On Check it
   emits an xAPI 'answered' and a 'completed' statement with the score (1 when right). */
var H5P = H5P || {};
H5P.ClusterCheck = (function () {
  "use strict";
  function ClusterCheck(params, contentId) {
    H5P.EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
  }
  ClusterCheck.prototype = Object.create(H5P.EventDispatcher.prototype);
  ClusterCheck.prototype.constructor = ClusterCheck;

  ClusterCheck.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("h5p-cluster-check");
    root.innerHTML = "";
    var question = document.createElement("p");
    question.className = "h5p-cluster-check-question";
    question.textContent = self.params.question || "";
    root.appendChild(question);
    var answers = self.params.answers || [];
    answers.forEach(function (answer, index) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "answer-" + self.contentId;
      input.value = String(index);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + (answer.text || "")));
      root.appendChild(label);
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "h5p-cluster-check-button";
    button.textContent = self.params.checkLabel || "Check";
    var feedback = document.createElement("p");
    feedback.className = "h5p-cluster-check-feedback";
    feedback.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var chosen = root.querySelector("input:checked");
      if (!chosen) { return; }
      var right = Boolean(answers[Number(chosen.value)].correct);
      var score = right ? 1 : 0;
      feedback.textContent = right ? self.params.rightFeedback : self.params.wrongFeedback;
      var answered = self.createXAPIEventTemplate("answered");
      answered.setScoredResult(score, 1, self, true, right);
      self.trigger(answered);
      var completed = self.createXAPIEventTemplate("completed");
      completed.setScoredResult(score, 1, self, true, right);
      self.trigger(completed);
      self.trigger("resize");
    });
    root.appendChild(button);
    root.appendChild(feedback);
  };

  ClusterCheck.prototype.getScore = function () { return 0; };
  ClusterCheck.prototype.getMaxScore = function () { return 1; };
  return ClusterCheck;
})();
