// 打印 buttons (data-print): the page's own print stylesheet leaves out navigation and forms.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
