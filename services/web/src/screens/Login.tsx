import { useState } from 'preact/hooks';
import { Field, ProblemMessage } from '../components/common';
import { login } from '../lib/api';
import { useAction } from '../lib/hooks';

export function Login({ onSignedIn }: { onSignedIn(): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    await login(email.trim(), password);
    onSignedIn();
  });
  return (
    <main id="main" class="login">
      <h1>medgrade</h1>
      <p>Sign in to submit encounters, review grades and manage rubrics.</p>
      <form onSubmit={(e) => { e.preventDefault(); void action.run(); }}>
        <Field label="Email">
          {(a) => <input {...a} type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <Field label="Password">
          {(a) => <input {...a} type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
        </Field>
        <ProblemMessage problem={action.error} />
        <button type="submit" disabled={action.busy}>{action.busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
