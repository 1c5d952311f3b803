export function ErrorPage({
  status,
  heading,
  message,
}: {
  status: number;
  heading: string;
  message: string;
}) {
  return (
    <section class="error-page">
      <p class="kicker">Error {status}</p>
      <h1>{heading}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the front page</a>
      </p>
    </section>
  );
}
