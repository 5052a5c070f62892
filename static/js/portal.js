// Small behaviours without inline script (the Content-Security-Policy forbids it).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form.js-confirm").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm || "确定吗？")) event.preventDefault();
    });
  });
  document.querySelectorAll("select.js-autosubmit").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Formsets: a button with data-formset-add="prefix" clones the empty form template.
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    button.addEventListener("click", () => {
      const prefix = button.dataset.formsetAdd;
      const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
      const template = document.getElementById(`${prefix}-empty-form`);
      const target = document.getElementById(`${prefix}-forms`);
      if (!total || !template || !target) return;
      const index = parseInt(total.value, 10);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      target.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
    });
  });
});
