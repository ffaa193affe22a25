// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title Test stablecoin (stands in for USDC/USDT on test networks)
/// @notice A 6-decimal ERC-20 that the owner, and the minters the owner names, may mint.
/// @dev Not for production: minting is unlimited. The T-bill fund stand-in is made a minter so
///      that its yield is real tokens.
contract TestStablecoin is ERC20, Ownable2Step {
    /// @notice Whether an account may mint (besides the owner).
    mapping(address account => bool) public isMinter;

    /// @notice `minter` was allowed (`allowed`) or disallowed to mint.
    /// @param minter the account
    /// @param allowed whether it may mint
    event MinterSet(address indexed minter, bool allowed);

    /// @notice The caller is neither the owner nor a minter.
    /// @param caller the caller
    error NotMinter(address caller);

    /// @notice Deploys the token with no supply.
    /// @param name_ the token name (e.g. "USD Coin (test)")
    /// @param symbol_ the symbol (e.g. "USDC")
    /// @param owner_ the owner
    constructor(string memory name_, string memory symbol_, address owner_) ERC20(name_, symbol_) Ownable(owner_) {}

    /// @notice 6, like USDC and USDT.
    /// @return the number of decimals
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Allows or disallows `minter` to mint. Owner only.
    /// @param minter the account
    /// @param allowed whether it may mint
    function setMinter(address minter, bool allowed) external onlyOwner {
        isMinter[minter] = allowed;
        emit MinterSet(minter, allowed);
    }

    /// @notice Mints `amount` to `to`. Owner or a minter.
    /// @param to the recipient
    /// @param amount the amount in base units
    function mint(address to, uint256 amount) external {
        if (msg.sender != owner() && !isMinter[msg.sender]) revert NotMinter(msg.sender);
        _mint(to, amount);
    }
}
