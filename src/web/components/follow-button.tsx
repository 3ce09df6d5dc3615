// Follow and unfollow as a plain form that returns to the page it was pressed on.

export function FollowButton({ username, following, back, compact = false }: { username: string; following: boolean; back: string; compact?: boolean }) {
  return (
    <form method="post" action={`/@${username}/${following ? 'unfollow' : 'follow'}`} class="follow-form">
      <input type="hidden" name="next" value={back} />
      <button type="submit" class={`follow-button${compact ? ' follow-button--compact' : ''}${following ? ' follow-button--following' : ''}`} aria-pressed={following ? 'true' : 'false'}>
        {following ? 'Following' : 'Follow'}
      </button>
    </form>
  )
}
