import { InvalidLinkPage } from "@/components/auth/invalid-link-page";

export default function InviteNotFound() {
  return <InvalidLinkPage title="Invitation not valid" message="This invitation link is invalid, used or expired; ask for a new one." next={{ href: "/login", label: "Go to sign in" }} />;
}
